import { parse } from 'yaml';
import { loadSpec } from '../../packages/semconv/generator/spec.mjs';

/** Where the mapping lives, relative to the repository root. */
export const MAPPING_PATH = 'spec/siem-mapping.yaml';
export const EVENTS_PATH = 'spec/security-events.yaml';

const FORMATS = ['ecs', 'cim', 'cef', 'leef'];
const TOP_LEVEL = ['vocabulary', 'constants', 'severity', 'reserved', 'fields', 'resource_fields', 'events'];
const CONSTANTS = [
  'ecs_version',
  'ecs_dataset',
  'cef_vendor',
  'cef_product',
  'cim_vendor_product',
  'elastic_rollover_max_age',
  'elastic_cold_after',
  'elastic_delete_after',
];
// CEF and LEEF keys are single words; ECS fields are dotted lower-case names; CIM fields snake_case.
const KEY_SHAPE = {
  ecs: /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/,
  cim: /^[a-z][a-z0-9_]*$/,
  cef: /^[A-Za-z][A-Za-z0-9]*$/,
  leef: /^[A-Za-z][A-Za-z0-9]*$/,
};

/** A mapping that cannot be generated from; `problems` names every reason. */
export class MappingError extends Error {
  constructor(problems) {
    super(`${MAPPING_PATH} is invalid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'MappingError';
    this.problems = problems;
  }
}

/**
 * Parses and checks the mapping against the event model and the formats' allowed values. Returns
 * { vocabulary, constants, severity, reserved, fields, resourceFields, events, attributes } where events follow
 * the event model's order and each carries { name, eventName, level, severityNumber, title, ecs, cim }, and
 * attributes is the event model's attribute catalog ({ key, type, ... }).
 * Throws a MappingError listing every problem found.
 */
export function loadMapping(mappingText, eventsText) {
  const model = loadSpec(eventsText);
  let raw;
  try {
    raw = parse(mappingText);
  } catch (error) {
    throw new MappingError([`not valid YAML: ${error.message}`]);
  }
  const problems = [];
  if (!isObject(raw)) throw new MappingError(['the file must be a mapping']);
  exactKeys('the file', raw, TOP_LEVEL, problems);
  if (problems.length > 0) throw new MappingError(problems);

  const vocabulary = raw.vocabulary;
  exactKeys('constants', raw.constants, CONSTANTS, problems);
  for (const key of ['elastic_rollover_max_age', 'elastic_cold_after', 'elastic_delete_after']) {
    if (!/^[1-9][0-9]*d$/.test(String(raw.constants?.[key])))
      problems.push(`constants.${key}: a number of days, e.g. 365d`);
  }
  const days = (key) => Number.parseInt(String(raw.constants?.[key]), 10);
  if (!(days('elastic_cold_after') < days('elastic_delete_after'))) {
    problems.push('constants.elastic_cold_after: must come before elastic_delete_after, e.g. 90d and 365d');
  }
  const severity = checkSeverity(raw.severity, vocabulary, problems);
  const attributeKeys = new Set(model.attributes.map((attribute) => attribute.key));
  const fields = checkFields('fields', raw.fields, attributeKeys, problems);
  const resourceFields = checkFields('resource_fields', raw.resource_fields, null, problems);
  const severityByLevel = new Map(model.levels.map((level) => [level.name, level.severityNumber]));
  const events = checkEvents(raw.events, model, vocabulary, severityByLevel, problems);
  if (problems.length > 0) throw new MappingError(problems);
  return {
    vocabulary,
    constants: raw.constants,
    severity,
    reserved: raw.reserved,
    fields,
    resourceFields,
    events,
    attributes: model.attributes,
  };
}

function checkSeverity(bands, vocabulary, problems) {
  if (!Array.isArray(bands) || bands.length === 0) {
    problems.push('severity must be a non-empty list of bands');
    return [];
  }
  let next = 1;
  for (const [index, band] of bands.entries()) {
    const where = `severity[${index}]`;
    exactKeys(where, band, ['from', 'to', 'cef', 'leef', 'cim', 'syslog'], problems);
    if (band.from !== next)
      problems.push(`${where}: from is ${band.from}, expected ${next} (bands are contiguous)`);
    if (!(Number.isInteger(band.to) && band.to >= band.from)) problems.push(`${where}: to must be >= from`);
    next = band.to + 1;
    inRange(`${where}.cef`, band.cef, vocabulary.cef.severity, problems);
    inRange(`${where}.leef`, band.leef, vocabulary.leef.severity, problems);
    inRange(`${where}.syslog`, band.syslog, vocabulary.syslog.severity, problems);
    if (!vocabulary.cim.severity.includes(band.cim)) {
      problems.push(
        `${where}.cim: ${band.cim} is not a CIM severity (${vocabulary.cim.severity.join(', ')})`,
      );
    }
  }
  if (next !== 25) problems.push(`severity: the bands must end at 24, they end at ${next - 1}`);
  return bands;
}

function inRange(where, value, { min, max }, problems) {
  if (!(Number.isInteger(value) && value >= min && value <= max)) {
    problems.push(`${where}: ${value} is outside ${min}-${max}`);
  }
}

function checkFields(section, fields, knownAttributes, problems) {
  if (!isObject(fields)) {
    problems.push(`${section} must be a mapping`);
    return [];
  }
  return Object.entries(fields).map(([attribute, targets]) => {
    const where = `${section}.${attribute}`;
    if (knownAttributes && !knownAttributes.has(attribute)) {
      problems.push(`${where}: ${attribute} is not an attribute of ${EVENTS_PATH}`);
    }
    for (const key of Object.keys(targets ?? {})) {
      if (key === 'ip') {
        if (typeof targets.ip !== 'boolean') problems.push(`${where}.ip must be true or false`);
      } else if (!FORMATS.includes(key)) {
        problems.push(`${where}: unknown format ${key} (expected ${FORMATS.join(', ')} or ip)`);
      } else if (typeof targets[key] !== 'string' || !KEY_SHAPE[key].test(targets[key])) {
        problems.push(`${where}.${key}: ${targets[key]} is not a valid ${key.toUpperCase()} field name`);
      }
    }
    return {
      attribute,
      ip: targets?.ip === true,
      ...Object.fromEntries(FORMATS.map((f) => [f, targets?.[f] ?? ''])),
    };
  });
}

function checkEvents(events, model, vocabulary, severityByLevel, problems) {
  if (!isObject(events)) {
    problems.push('events must be a mapping from event name to its mapping');
    return [];
  }
  for (const name of Object.keys(events)) {
    if (!model.events.some((event) => event.name === name)) {
      problems.push(`events.${name}: no such event in ${EVENTS_PATH}`);
    }
  }
  return model.events.flatMap((event) => {
    const where = `events.${event.name}`;
    const entry = events[event.name];
    if (entry === undefined) {
      problems.push(`${where}: missing; every event of ${EVENTS_PATH} needs a mapping`);
      return [];
    }
    exactKeys(where, entry, ['name', 'ecs'], problems, ['cim']);
    if (typeof entry.name !== 'string' || entry.name === '' || /[|\r\n\\]/.test(entry.name)) {
      problems.push(`${where}.name must be a non-empty title without | \\ or line breaks`);
    }
    return [
      {
        name: event.name,
        eventName: event.eventName,
        level: event.level,
        severityNumber: severityByLevel.get(event.level),
        title: entry.name,
        ecs: checkECS(`${where}.ecs`, entry.ecs, vocabulary.ecs, problems),
        cim: checkCIM(`${where}.cim`, entry.cim, vocabulary.cim, problems),
      },
    ];
  });
}

function checkECS(where, ecs, allowed, problems) {
  if (!exactKeys(where, ecs, ['kind', 'category', 'type'], problems, ['outcome'])) return ecs;
  if (!allowed.kind.includes(ecs.kind)) problems.push(`${where}.kind: ${ecs.kind} is not an ECS event.kind`);
  if (ecs.outcome !== undefined && !allowed.outcome.includes(ecs.outcome)) {
    problems.push(`${where}.outcome: ${ecs.outcome} is not an ECS event.outcome`);
  }
  if (!Array.isArray(ecs.category) || !Array.isArray(ecs.type)) {
    problems.push(`${where}: category and type must be lists`);
    return ecs;
  }
  if (ecs.category.length === 0 && ecs.type.length > 0) problems.push(`${where}: a type needs a category`);
  for (const category of ecs.category) {
    const expected = allowed.category[category];
    if (expected === undefined) {
      problems.push(`${where}.category: ${category} is not an ECS event.category`);
      continue;
    }
    for (const type of ecs.type) {
      if (!expected.includes(type)) {
        problems.push(
          `${where}.type: ${type} is not expected with category ${category} (${expected.join(', ')})`,
        );
      }
    }
  }
  return ecs;
}

function checkCIM(where, cim, allowed, problems) {
  if (cim === undefined) return null;
  if (!exactKeys(where, cim, ['datamodel'], problems, ['action', 'action_by_outcome', 'fields'])) return null;
  const actions = allowed.action[cim.datamodel];
  if (actions === undefined) {
    problems.push(
      `${where}.datamodel: ${cim.datamodel} is not one of ${Object.keys(allowed.action).join(', ')}`,
    );
    return null;
  }
  const given = [cim.action, ...Object.values(cim.action_by_outcome ?? {})].filter((a) => a !== undefined);
  if (actions.length > 0 && given.length === 0) problems.push(`${where}: ${cim.datamodel} needs an action`);
  if (cim.action !== undefined && cim.action_by_outcome !== undefined) {
    problems.push(`${where}: give action or action_by_outcome, not both`);
  }
  for (const action of given) {
    if (!actions.includes(action)) {
      problems.push(
        `${where}: action ${action} is not prescribed for ${cim.datamodel} (${actions.join(', ') || 'none'})`,
      );
    }
  }
  for (const outcome of Object.keys(cim.action_by_outcome ?? {})) {
    if (!['success', 'failure'].includes(outcome))
      problems.push(`${where}.action_by_outcome: ${outcome} is no outcome`);
  }
  for (const [field, value] of Object.entries(cim.fields ?? {})) {
    if (!KEY_SHAPE.cim.test(field) || typeof value !== 'string') {
      problems.push(`${where}.fields.${field}: needs a snake_case name and a string value`);
    }
  }
  return {
    datamodel: cim.datamodel,
    action: cim.action ?? '',
    byOutcome: cim.action_by_outcome ?? {},
    fields: cim.fields ?? {},
  };
}

/** Checks that `value` is a mapping with all `required` keys and no keys beyond `required` and `optional`. */
function exactKeys(where, value, required, problems, optional = []) {
  if (!isObject(value)) {
    problems.push(`${where} must be a mapping`);
    return false;
  }
  const before = problems.length;
  for (const key of required) if (!(key in value)) problems.push(`${where}: missing ${key}`);
  for (const key of Object.keys(value)) {
    if (!required.includes(key) && !optional.includes(key)) problems.push(`${where}: unknown key ${key}`);
  }
  return problems.length === before;
}

function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
