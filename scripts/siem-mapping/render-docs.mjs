/** docs/siem.md: the mapping as one table per format, with the rules every encoder applies. */
export function renderDocs(mapping) {
  const bandOf = (severityNumber) =>
    mapping.severity.find((band) => severityNumber >= band.from && severityNumber <= band.to);
  const code = (value) => (value === '' || value === undefined ? '' : `\`${value}\``);
  const list = (values) => values.map(code).join(', ');
  const table = (head, rows) =>
    [
      `| ${head.join(' | ')} |`,
      `| ${head.map(() => '---').join(' | ')} |`,
      ...rows.map((r) => `| ${r.join(' | ')} |`),
    ]
      .join('\n')
      .concat('\n');
  const fieldRows = (fields, format) =>
    fields
      .filter((field) => field[format])
      .map((field) => [code(field.attribute), code(field[format]) + (field.ip ? ' (if an IP address)' : '')]);

  return `<!-- Generated from spec/siem-mapping.yaml by scripts/generate-siem-mapping.mjs - do not edit. -->

# Security records in SIEM schemas

How the collector's SIEM encoders (\`otel-collector/siemexporter/mapping\`) write secotel's security records
(see [events.md](events.md)) for Elastic Security (ECS), Splunk (CIM), and CEF / LEEF 2.0 consumers such as
QRadar. Generated from [spec/siem-mapping.yaml](../spec/siem-mapping.yaml); a test checks every value below
against the list of values the target schema allows.

## Rules for every record

- **Outcome**: the record's \`security.outcome\` (\`success\` or \`failure\`) wins over the event's default outcome.
- **Severity**: the record's SeverityNumber picks a band in the table below; a record without one gets its
  event's level.
- **Fields**: an attribute in a field table below is written under the format's name for it. A field marked
  "if an IP address" takes only IP addresses; any other value stays under the attribute's own key.
- **Everything else is kept**: every other attribute and resource attribute arrives under its own key, so the
  \`security.integrity.*\` chain attributes (stream, chain, seq, prev_hash, hash) are in every format and the
  SIEM copy can be checked against the chain. A kept key that the format reserves is written as
  \`attributes.<key>\`, so no attribute can overwrite a mapped field: ECS reserves ${list(mapping.reserved.ecs)};
  CIM, CEF and LEEF reserve every key without a dot.
- **CEF and LEEF keys**: characters outside \`[A-Za-z0-9._-]\` in a kept key become \`_\`.
- **Unknown events**: a record whose EventName is outside the model keeps its name as event action, class id
  and EventID, gets no categorisation, and the severity of its SeverityNumber (the lowest band without one).

## Severity

| SeverityNumber | CEF severity (0-10) | LEEF \`sev\` (1-10) | CIM \`severity\` | syslog severity (0-7) |
| --- | --- | --- | --- | --- |
${mapping.severity.map((b) => `| ${b.from}-${b.to} | ${b.cef} | ${b.leef} | \`${b.cim}\` | ${b.syslog} |`).join('\n')}

## Elastic Common Schema (ECS ${mapping.constants.ecs_version})

Every document has \`@timestamp\`, \`message\` (the body), \`log.level\` (severity text), \`event.severity\`
(SeverityNumber), \`event.action\` (the event name), \`event.dataset\` \`${mapping.constants.ecs_dataset}\`,
\`ecs.version\`, \`trace.id\` and \`span.id\` when set, and:

${table(
  ['Event', 'event.kind', 'event.category', 'event.type', 'event.outcome'],
  mapping.events.map((e) => [
    code(e.name),
    code(e.ecs.kind),
    list(e.ecs.category),
    list(e.ecs.type),
    code(e.ecs.outcome),
  ]),
)}
${table(['Attribute', 'ECS field'], [...fieldRows(mapping.fields, 'ecs'), ...fieldRows(mapping.resourceFields, 'ecs')])}
## Splunk Common Information Model (CIM)

Every event has \`vendor_product\` \`${mapping.constants.cim_vendor_product}\`, \`signature_id\` (the event name;
the rule's uuid for alerts), \`signature\` (its title; the rule's name for alerts), \`severity\`, and:

${table(
  ['Event', 'Data model', 'action', 'Fields'],
  mapping.events.map((e) => [
    code(e.name),
    e.cim ? e.cim.datamodel : '(none fits)',
    e.cim
      ? code(e.cim.action) ||
        Object.entries(e.cim.byOutcome)
          .map(([outcome, action]) => `\`${action}\` on ${outcome}`)
          .join(', ')
      : '',
    e.cim
      ? Object.entries(e.cim.fields)
          .map(([k, v]) => `\`${k}=${v}\``)
          .join(', ')
      : '',
  ]),
)}
${table(['Attribute', 'CIM field'], [...fieldRows(mapping.fields, 'cim'), ...fieldRows(mapping.resourceFields, 'cim')])}
## CEF

\`CEF:0|${mapping.constants.cef_vendor}|${mapping.constants.cef_product}|<version>|<event name>|<title>|<severity>|<extension>\`.
Header fields escape \`\\\` and \`|\` with a backslash and turn line breaks into spaces; extension values escape
\`\\\`, \`=\` and line breaks (\`\\n\`, \`\\r\`). The extension always has \`rt\` (milliseconds since the epoch),
\`act\` (the event name) and \`msg\` (the body); a \`csN\` key comes with its \`csNLabel\`.

${table(
  ['Event', 'Device Event Class ID', 'Name', 'Severity (by level)'],
  mapping.events.map((e) => [
    code(e.name),
    code(e.name),
    e.title,
    `${bandOf(e.severityNumber).cef} (${e.level})`,
  ]),
)}
${table(['Attribute', 'CEF key'], [...fieldRows(mapping.fields, 'cef'), ...fieldRows(mapping.resourceFields, 'cef')])}
## LEEF 2.0

\`LEEF:2.0|${mapping.constants.cef_vendor}|${mapping.constants.cef_product}|<version>|<event name>|<delimiter>|<attributes>\`.
The delimiter is the first of tab (written \`x09\`), \`^\`, \`~\` and \`\` \` \`\` that occurs in no key or value;
when all occur, tab is used and escaped. Values escape \`\\\`, line breaks (\`\\n\`, \`\\r\`) and the delimiter with a
backslash. Every line starts with \`devTime\`, \`devTimeFormat\` and \`sev\` and ends with \`msg\` (the body), and:

${table(
  ['Event', 'EventID', 'sev (by level)'],
  mapping.events.map((e) => [code(e.name), code(e.name), `${bandOf(e.severityNumber).leef} (${e.level})`]),
)}
${table(['Attribute', 'LEEF key'], [...fieldRows(mapping.fields, 'leef'), ...fieldRows(mapping.resourceFields, 'leef')])}
## Delivery

What the \`secotel_siem\` exporter writes around the mapped fields (otel-collector/siemexporter):

- **Elasticsearch \`_bulk\`**: one \`create\` action and ECS document per record, into the data stream
  \`logs-${mapping.constants.ecs_dataset}-<namespace>\`, with \`data_stream.type\`, \`data_stream.dataset\` and
  \`data_stream.namespace\` set to match.
- **Splunk HEC** (\`/services/collector/event\`): one JSON event per record with \`time\` (seconds, millisecond
  precision), \`host\` (the resource's \`host.name\`), \`source\` (configured, \`secotel\` by default),
  \`sourcetype\` \`secotel:security\`, \`index\` when configured, and \`event\`: the CIM fields above.
- **Syslog** (RFC 5424 over TCP, octet counting): \`<PRI>1 TIMESTAMP HOSTNAME APP-NAME - MSGID - <CEF or LEEF line>\`,
  PRI being the configured facility times 8 plus the syslog severity of the record's band (see Severity),
  HOSTNAME the resource's \`host.name\`, APP-NAME its \`service.name\`, MSGID the event name (each \`-\` when
  absent, characters outside printable US-ASCII replaced by \`_\`).
`;
}
