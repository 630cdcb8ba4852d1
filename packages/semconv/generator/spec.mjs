import { parse } from 'yaml';
import { parseBodyTemplate } from './body-template.mjs';
import {
  GO_FIXED_IDENTIFIERS,
  goAttributeConstant,
  goEventConstant,
  goLevelConstant,
  TS_FIXED_TYPES,
  tsAttributeConstant,
  tsAttributesInterface,
  tsHelperName,
} from './identifiers.mjs';

export const ATTRIBUTE_TYPES = ['string', 'int', 'boolean', 'string[]'];
export const SET_BY = ['context', 'event', 'sdk', 'collector'];
const EVENT_NAME = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const ATTRIBUTE_KEY = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const PROJECT_NAMESPACE = 'security.';

/** A spec that cannot be generated from; `problems` lists every reason, each naming what it is about. */
export class SpecError extends Error {
  constructor(problems) {
    super(`spec/security-events.yaml is invalid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'SpecError';
    this.problems = problems;
  }
}

/**
 * Parses and checks the spec text. Returns the model the renderers use:
 * { levels: [{ name, severityNumber, brief }], categories: [{ name, title }],
 *   attributes: [{ key, type, semconv, setBy, brief, values? }],
 *   events: [{ name, eventName, category, level, owasp, description, body, required, optional, compliance? }] }
 * where compliance is { requirements, recordedBy, resource? } (docs/compliance.md is generated from it).
 * in the spec's own order. Throws a SpecError listing every problem found.
 */
export function loadSpec(text) {
  let raw;
  try {
    raw = parse(text);
  } catch (error) {
    throw new SpecError([`not valid YAML: ${error.message}`]);
  }
  const problems = [];
  if (!checkFields('the spec', raw, ['levels', 'categories', 'attributes', 'events'], [], problems)) {
    throw new SpecError(problems);
  }
  const levels = readLevels(raw.levels, problems);
  const categories = readCategories(raw.categories, problems);
  const attributes = readAttributes(raw.attributes, problems);
  checkNamespaces(attributes, problems);
  const context = {
    levels: new Set(levels.map((level) => level.name)),
    categories: new Set(categories.map((category) => category.name)),
    attributes: new Set(attributes.map((attribute) => attribute.key)),
  };
  const events = readEvents(raw.events, context, problems);
  for (const { name } of categories) {
    if (!events.some((event) => event.category === name)) problems.push(`category ${name} has no events`);
  }
  const spec = { levels, categories, attributes, events };
  checkGeneratedIdentifiers(spec, problems);
  if (problems.length > 0) throw new SpecError(problems);
  return spec;
}

function readLevels(levels, problems) {
  return entries('levels', levels, problems).flatMap(([name, level]) => {
    const where = `level ${name}`;
    if (!/^[A-Z]+$/.test(name)) problems.push(`${where}: a level name is upper-case letters only`);
    if (!checkFields(where, level, ['severity_number', 'brief'], [], problems)) return [];
    const { severity_number: severityNumber, brief } = level;
    if (!Number.isInteger(severityNumber) || severityNumber < 1 || severityNumber > 24) {
      problems.push(`${where}: severity_number must be an OpenTelemetry SeverityNumber, 1 to 24`);
    }
    if (!isText(brief)) problems.push(`${where}: brief must be a sentence`);
    return [{ name, severityNumber, brief }];
  });
}

function readCategories(categories, problems) {
  return entries('categories', categories, problems).flatMap(([name, title]) => {
    if (!EVENT_NAME.test(name) || name.includes('_')) {
      problems.push(`category ${name}: a category is one lower-case word`);
    }
    if (!isText(title)) problems.push(`category ${name}: its value must be a title`);
    return [{ name, title }];
  });
}

function readAttributes(attributes, problems) {
  return entries('attributes', attributes, problems).flatMap(([key, attribute]) => {
    const where = `attribute ${key}`;
    if (!ATTRIBUTE_KEY.test(key)) problems.push(`${where}: a key is dot-separated lower-case words`);
    if (!checkFields(where, attribute, ['type', 'semconv', 'set_by', 'brief'], ['values'], problems))
      return [];
    const { type, semconv, set_by: setBy, brief, values } = attribute;
    if (!ATTRIBUTE_TYPES.includes(type)) {
      problems.push(`${where}: type ${JSON.stringify(type)} is not one of ${ATTRIBUTE_TYPES.join(', ')}`);
    }
    if (typeof semconv !== 'boolean') problems.push(`${where}: semconv must be true or false`);
    // The project's own keys live in security.*, and nothing else may claim that namespace.
    if (semconv === key.startsWith(PROJECT_NAMESPACE)) {
      problems.push(
        semconv
          ? `${where}: a semantic convention cannot be in the project's security.* namespace`
          : `${where}: a project attribute must be in the security.* namespace`,
      );
    }
    if (!SET_BY.includes(setBy)) {
      problems.push(`${where}: set_by ${JSON.stringify(setBy)} is not one of ${SET_BY.join(', ')}`);
    }
    if (!isText(brief)) problems.push(`${where}: brief must be a sentence`);
    if (values !== undefined && (type !== 'string' || !isTextList(values) || values.length === 0)) {
      problems.push(`${where}: values must be a non-empty list of strings, on a string attribute`);
    }
    return [{ key, type, semconv, setBy, brief, ...(values === undefined ? {} : { values }) }];
  });
}

/** OpenTelemetry's naming rule: a key that holds a value is never also the namespace of other keys. */
function checkNamespaces(attributes, problems) {
  const keys = new Set(attributes.map((attribute) => attribute.key));
  for (const { key } of attributes) {
    const words = key.split('.');
    for (let length = 1; length < words.length; length++) {
      const namespace = words.slice(0, length).join('.');
      if (keys.has(namespace))
        problems.push(`attribute ${key}: ${namespace} is an attribute, so not a namespace`);
    }
  }
}

function readEvents(events, context, problems) {
  if (!Array.isArray(events)) {
    problems.push('events must be a list');
    return [];
  }
  const seen = new Set();
  return events.flatMap((event, index) => {
    const name = typeof event?.name === 'string' ? event.name : `#${index + 1}`;
    const where = `event ${name}`;
    const fields = ['name', 'category', 'level', 'owasp', 'description', 'body', 'required', 'optional'];
    if (!checkFields(where, event, fields, ['compliance'], problems)) return [];
    if (!EVENT_NAME.test(name)) problems.push(`${where}: a name is lower-case words joined by "_"`);
    if (seen.has(name)) {
      problems.push(`${where}: the name is used more than once`);
      return [];
    }
    seen.add(name);
    const { category, level, owasp, description, body, required, optional } = event;
    if (!context.categories.has(category)) problems.push(`${where}: category ${category} is not declared`);
    if (name.split('_')[0] !== category) {
      problems.push(`${where}: category ${category} must be the name's first word, ${name.split('_')[0]}`);
    }
    if (!context.levels.has(level))
      problems.push(`${where}: level ${level} is not one of the declared levels`);
    if (typeof owasp !== 'boolean') problems.push(`${where}: owasp must be true or false`);
    if (!isText(description)) problems.push(`${where}: description must be a sentence`);
    checkAttributeLists(where, required, optional, context.attributes, problems);
    checkBody(where, body, required, optional, problems);
    const compliance = readCompliance(where, event.compliance, problems);
    return [
      {
        name,
        eventName: `security.${name}`,
        category,
        level,
        owasp,
        description,
        body,
        required,
        optional,
        ...(compliance && { compliance }),
      },
    ];
  });
}

/**
 * The compliance mapping beside an event: the requirements it serves (checked against spec/compliance.yaml by
 * the compliance generator), who records it without an API call, and the attribute naming the affected resource.
 */
function readCompliance(where, compliance, problems) {
  if (compliance === undefined) return undefined;
  const at = `${where}: compliance`;
  if (!checkFields(at, compliance, ['requirements'], ['recorded_by', 'resource'], problems)) return undefined;
  const { requirements, recorded_by: recordedBy = [], resource } = compliance;
  if (!isTextList(requirements) || requirements.length === 0) {
    problems.push(`${at}.requirements must list requirement ids, e.g. ['10.2.1.4']`);
  }
  if (!isTextList(recordedBy)) problems.push(`${at}.recorded_by must list recorders, e.g. [http]`);
  if (resource !== undefined && !isText(resource)) {
    problems.push(`${at}.resource must be an attribute key, e.g. http.route`);
  }
  return { requirements, recordedBy, ...(resource !== undefined && { resource }) };
}

function checkAttributeLists(where, required, optional, known, problems) {
  const listed = new Set();
  for (const [list, keys] of [
    ['required', required],
    ['optional', optional],
  ]) {
    if (!isTextList(keys)) {
      problems.push(`${where}: ${list} must be a list of attribute keys`);
      continue;
    }
    for (const key of keys) {
      if (!known.has(key))
        problems.push(`${where}: ${list} attribute ${key} is not in the attribute catalog`);
      if (listed.has(key)) problems.push(`${where}: attribute ${key} is listed more than once`);
      listed.add(key);
    }
  }
}

function checkBody(where, body, required, optional, problems) {
  if (!isText(body)) {
    problems.push(`${where}: body must be a template string`);
    return;
  }
  let placeholders;
  try {
    placeholders = parseBodyTemplate(body);
  } catch (error) {
    problems.push(`${where}: body template: ${error.message}`);
    return;
  }
  const requiredKeys = new Set(isTextList(required) ? required : []);
  const eventKeys = new Set([...requiredKeys, ...(isTextList(optional) ? optional : [])]);
  for (const { key, optional: inSegment } of placeholders) {
    if (!eventKeys.has(key)) {
      problems.push(`${where}: body placeholder {${key}} is not one of the event's attributes`);
    } else if (!inSegment && !requiredKeys.has(key)) {
      problems.push(`${where}: body placeholder {${key}} is optional, so it must sit inside [ ]`);
    }
  }
}

function checkGeneratedIdentifiers({ levels, attributes, events }, problems) {
  const fixed = (names) => names.map((name) => [name, 'the generated code']);
  const targets = {
    'TypeScript constant': attributes.map(({ key }) => [tsAttributeConstant(key), `attribute ${key}`]),
    'TypeScript helper': events.map(({ name }) => [tsHelperName(name), `event ${name}`]),
    'TypeScript type': [
      ...fixed(TS_FIXED_TYPES),
      ...events.map(({ name }) => [tsAttributesInterface(name), `event ${name}`]),
    ],
    'Go identifier': [
      ...fixed(GO_FIXED_IDENTIFIERS),
      ...levels.map(({ name }) => [goLevelConstant(name), `level ${name}`]),
      ...events.map(({ name }) => [goEventConstant(name), `event ${name}`]),
      ...attributes.map(({ key }) => [goAttributeConstant(key), `attribute ${key}`]),
    ],
  };
  for (const [kind, pairs] of Object.entries(targets)) {
    const owners = new Map();
    for (const [identifier, owner] of pairs) {
      if (owners.has(identifier)) {
        problems.push(
          `${owner} would generate the ${kind} ${identifier}, which ${owners.get(identifier)} uses`,
        );
      } else {
        owners.set(identifier, owner);
      }
    }
  }
}

/** Reports missing and unknown fields; true when every required field is there to be checked further. */
function checkFields(where, value, required, optional, problems) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problems.push(`${where} must be a mapping with ${required.join(', ')}`);
    return false;
  }
  for (const field of Object.keys(value)) {
    if (!required.includes(field) && !optional.includes(field)) {
      problems.push(`${where}: unknown field ${field}`);
    }
  }
  const missing = required.filter((field) => !(field in value));
  for (const field of missing) problems.push(`${where}: ${field} is missing`);
  return missing.length === 0;
}

function entries(section, mapping, problems) {
  if (mapping === null || typeof mapping !== 'object' || Array.isArray(mapping)) {
    problems.push(`${section} must be a mapping`);
    return [];
  }
  return Object.entries(mapping);
}

const isText = (value) => typeof value === 'string' && value.trim() !== '';
const isTextList = (value) => Array.isArray(value) && value.every(isText);
