import { tsAttributeConstant, tsAttributesInterface, tsEventConstant, tsHelperName } from './identifiers.mjs';

const HEADER = '// Generated from spec/security-events.yaml by scripts/generate-semconv.mjs - do not edit.\n';

/** events.generated.ts: the event table, its names and the severity mapping. */
export function renderEvents(spec) {
  const constants = spec.events.map(
    (event) =>
      `${docComment(`${event.level}: ${event.description}`)}export const ${tsEventConstant(event.name)} = ${quote(event.eventName)};\n`,
  );
  const severities = spec.levels.map((level) => `  ${level.name}: ${level.severityNumber},\n`);
  const tableType = spec.events.map((event) => `  readonly ${event.name}: SecurityEventDefinition;\n`);
  const table = spec.events.map(
    (event) =>
      `  ${event.name}: {\n` +
      `    name: ${quote(event.name)},\n` +
      `    eventName: ${tsEventConstant(event.name)},\n` +
      `    category: ${quote(event.category)},\n` +
      `    level: ${quote(event.level)},\n` +
      `    owasp: ${event.owasp},\n` +
      `    description: ${quote(event.description)},\n` +
      `    body: ${quote(event.body)},\n` +
      `    required: ${stringList(event.required)},\n` +
      `    optional: ${stringList(event.optional)},\n` +
      '  },\n',
  );
  return [
    HEADER,
    '\n',
    "import type { SecurityEventDefinition, SecurityLevel } from './types';\n",
    '\n',
    ...constants,
    '\n',
    '/** The OpenTelemetry SeverityNumber each level is exported with; severityText is the level itself. */\n',
    'export const SEVERITY_NUMBER_BY_LEVEL = {\n',
    ...severities,
    '} as const satisfies Record<SecurityLevel, number>;\n',
    '\n',
    'interface SecurityEventTable {\n',
    ...tableType,
    '}\n',
    '\n',
    '/** Every security event, keyed by its short name. */\n',
    'export const SECURITY_EVENTS: SecurityEventTable = {\n',
    ...table,
    '};\n',
    '\n',
    'export type SecurityEventName = keyof typeof SECURITY_EVENTS;\n',
    '\n',
    "/** The short names of every security event, in the spec's order. */\n",
    'export const SECURITY_EVENT_NAMES: readonly SecurityEventName[] = Object.freeze(\n',
    '  Object.keys(SECURITY_EVENTS) as SecurityEventName[],\n',
    ');\n',
  ].join('');
}

/** attributes.generated.ts: one constant per attribute key and the type of each key's value. */
export function renderAttributes(spec) {
  const constants = spec.attributes.map(
    (attribute) =>
      `${docComment(`${attribute.brief} ${attribute.semconv ? 'Semantic convention' : 'secotel attribute'}, ${attribute.type}.`)}` +
      `export const ${tsAttributeConstant(attribute.key)} = ${quote(attribute.key)};\n`,
  );
  const types = spec.attributes.map(
    (attribute) =>
      `${docComment(attribute.brief, '  ')}  ${quote(attribute.key)}?: ${valueType(attribute)};\n`,
  );
  return [
    HEADER,
    '\n',
    ...constants,
    '\n',
    "/** The type of each attribute's value, by key. */\n",
    'export interface SecurityAttributeTypes {\n',
    ...types,
    '}\n',
  ].join('');
}

/** helpers.generated.ts: a typed attributes interface and a helper per event, and the helpers' factory. */
export function renderHelpers(spec) {
  const attributesByKey = new Map(spec.attributes.map((attribute) => [attribute.key, attribute]));
  const interfaces = spec.events.map((event) => {
    const property = (key, mark) => `  ${quote(key)}${mark}: ${valueType(attributesByKey.get(key))};\n`;
    return [
      `/** Attributes of ${event.eventName}; other keys may be added. */\n`,
      `export interface ${tsAttributesInterface(event.name)} extends SecurityAttributes {\n`,
      ...event.required.map((key) => property(key, '')),
      ...event.optional.map((key) => property(key, '?')),
      '}\n',
      '\n',
    ].join('');
  });
  const signatures = spec.events.map((event) => {
    const optionalMark = event.required.length === 0 ? '?' : '';
    return (
      docComment(`Emits ${event.eventName} (${event.level}): ${event.description}`, '  ') +
      `  ${tsHelperName(event.name)}(attributes${optionalMark}: ${tsAttributesInterface(event.name)}, options?: EmitOptions): void;\n`
    );
  });
  const implementations = spec.events.map(
    (event) =>
      `    ${tsHelperName(event.name)}: (attributes, options) => emit(${quote(event.name)}, attributes, options),\n`,
  );
  return [
    HEADER,
    '\n',
    "import type { SecurityEventName } from './events.generated';\n",
    "import type { EmitOptions, SecurityAttributes } from './types';\n",
    '\n',
    ...interfaces,
    '/** One helper per security event, named after it in camelCase. */\n',
    'export interface SecurityEventHelpers {\n',
    ...signatures,
    '}\n',
    '\n',
    'export type EmitFunction = (name: SecurityEventName, attributes?: SecurityAttributes, options?: EmitOptions) => void;\n',
    '\n',
    '/** Builds the typed helpers on top of one untyped emit function. */\n',
    'export function createEventHelpers(emit: EmitFunction): SecurityEventHelpers {\n',
    '  return {\n',
    ...implementations,
    '  };\n',
    '}\n',
  ].join('');
}

function valueType(attribute) {
  if (attribute.values) return attribute.values.map(quote).join(' | ');
  return { string: 'string', int: 'number', boolean: 'boolean', 'string[]': 'readonly string[]' }[
    attribute.type
  ];
}

function docComment(text, indent = '') {
  return `${indent}/** ${text.replaceAll('*/', '*\\/')} */\n`;
}

function stringList(values) {
  return `[${values.map(quote).join(', ')}]`;
}

/** A single-quoted TypeScript string literal. */
function quote(text) {
  return `'${JSON.stringify(text).slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'")}'`;
}
