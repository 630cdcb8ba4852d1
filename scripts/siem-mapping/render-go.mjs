/**
 * spec_generated.go for the collector's SIEM encoders: the mapping's tables as Go values of the types declared
 * in otel-collector/siemexporter/mapping/spec.go. Every element is one line and every constant its own
 * declaration, so the output is already in gofmt's layout (gofmt aligns only across lines of one block).
 */
export function renderGo(mapping) {
  const { constants } = mapping;
  return [
    '// Code generated from spec/siem-mapping.yaml by scripts/generate-siem-mapping.mjs. DO NOT EDIT.\n',
    '\n',
    'package mapping\n',
    '\n',
    `const ecsVersion = ${str(constants.ecs_version)}\n`,
    '\n',
    '// ECSDataset is event.dataset, and the dataset part of the Elasticsearch data stream the documents go to.\n',
    `const ECSDataset = ${str(constants.ecs_dataset)}\n`,
    '\n',
    `const cefVendor = ${str(constants.cef_vendor)}\n`,
    '\n',
    `const cefProduct = ${str(constants.cef_product)}\n`,
    '\n',
    `const cimVendorProduct = ${str(constants.cim_vendor_product)}\n`,
    '\n',
    '// events maps each event of spec/security-events.yaml, in its order.\n',
    'var events = []Event{\n',
    ...mapping.events.map((event) => `\t${renderEvent(event)},\n`),
    '}\n',
    '\n',
    '// fields are the record attributes each format has its own name for.\n',
    'var fields = []Field{\n',
    ...mapping.fields.map((field) => `\t${renderField(field)},\n`),
    '}\n',
    '\n',
    '// resourceFields are the resource attributes each format has its own name for.\n',
    'var resourceFields = []Field{\n',
    ...mapping.resourceFields.map((field) => `\t${renderField(field)},\n`),
    '}\n',
    '\n',
    "// severityBands turn an OpenTelemetry SeverityNumber into each format's severity.\n",
    'var severityBands = []SeverityBand{\n',
    ...mapping.severity.map(
      (band) =>
        `\t{From: ${band.from}, To: ${band.to}, CEF: ${band.cef}, LEEF: ${band.leef}, CIM: ${str(band.cim)}, Syslog: ${band.syslog}},\n`,
    ),
    '}\n',
    '\n',
    '// ecsReserved are the ECS names and prefixes (ending in a dot) a kept attribute must not take over.\n',
    `var ecsReserved = ${strings(mapping.reserved.ecs)}\n`,
  ].join('');
}

function renderEvent(event) {
  const ecs = [
    `Kind: ${str(event.ecs.kind)}`,
    ...(event.ecs.category.length > 0 ? [`Category: ${strings(event.ecs.category)}`] : []),
    ...(event.ecs.type.length > 0 ? [`Type: ${strings(event.ecs.type)}`] : []),
    ...(event.ecs.outcome ? [`Outcome: ${str(event.ecs.outcome)}`] : []),
  ];
  const parts = [
    `Name: ${str(event.name)}`,
    `Title: ${str(event.title)}`,
    `SeverityNumber: ${event.severityNumber}`,
    `ECS: ECSCategorization{${ecs.join(', ')}}`,
  ];
  if (event.cim) parts.push(`CIM: &CIMMapping{${renderCIM(event.cim)}}`);
  return `{${parts.join(', ')}}`;
}

function renderCIM(cim) {
  const parts = [`DataModel: ${str(cim.datamodel)}`];
  if (cim.action) parts.push(`Action: ${str(cim.action)}`);
  if (Object.keys(cim.byOutcome).length > 0) parts.push(`ActionByOutcome: ${stringMap(cim.byOutcome)}`);
  if (Object.keys(cim.fields).length > 0) parts.push(`Fields: ${stringMap(cim.fields)}`);
  return parts.join(', ');
}

function renderField(field) {
  const parts = [`Attribute: ${str(field.attribute)}`];
  for (const [format, name] of [
    ['ECS', field.ecs],
    ['CIM', field.cim],
    ['CEF', field.cef],
    ['LEEF', field.leef],
  ]) {
    if (name) parts.push(`${format}: ${str(name)}`);
  }
  if (field.ip) parts.push('IP: true');
  return `{${parts.join(', ')}}`;
}

const str = (value) => JSON.stringify(String(value));
const strings = (values) => `[]string{${values.map(str).join(', ')}}`;
const stringMap = (map) =>
  `map[string]string{${Object.keys(map)
    .sort()
    .map((key) => `${str(key)}: ${str(map[key])}`)
    .join(', ')}}`;
