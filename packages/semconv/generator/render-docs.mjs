/** docs/events.md: the event reference, from the spec alone. */
export function renderDocs(spec) {
  const owaspEvents = spec.events.filter((event) => event.owasp);
  const extensions = spec.events.filter((event) => !event.owasp);
  const categorySections = spec.categories
    .map((category) => ({
      ...category,
      events: owaspEvents.filter((event) => event.category === category.name),
    }))
    .filter((category) => category.events.length > 0)
    .map((category) => `### ${category.title} (\`${category.name}\`)\n\n${eventTable(category.events)}`);
  return [
    '<!-- Generated from spec/security-events.yaml by scripts/generate-semconv.mjs - do not edit. -->\n',
    '\n',
    '# Security events\n',
    '\n',
    'secotel records every security-relevant fact as one OpenTelemetry log record. This page lists every event\n',
    'and attribute; it is generated from [spec/security-events.yaml](../spec/security-events.yaml), whose schema\n',
    'and body template rule are described in [spec/README.md](../spec/README.md).\n',
    '\n',
    recordSection(spec),
    '## OWASP Logging Vocabulary events\n',
    '\n',
    'The events of the [OWASP Logging Vocabulary](https://cheatsheetseries.owasp.org/cheatsheets/Logging_Vocabulary_Cheat_Sheet.html),\n',
    'with the OWASP level of each.\n',
    '\n',
    categorySections.join('\n'),
    '\n',
    '## secotel extensions (not OWASP)\n',
    '\n',
    "These events are secotel's own: they are **not** part of the OWASP Logging Vocabulary. They cover what the\n",
    "vocabulary has no name for: HTTP refusals, token and authentication errors, the SDK's rate-cap summary and\n",
    "the collector's alerts and integrity checkpoints.\n",
    '\n',
    eventTable(extensions, { categoryTitles: new Map(spec.categories.map((c) => [c.name, c.title])) }),
    '\n',
    '## Attribute catalog\n',
    '\n',
    "Semantic conventions are OpenTelemetry's; `security.*` keys are secotel's own, used only where no\n",
    'convention exists. "Set by" says where a value comes from: `context` (the request context, unless the event\n',
    'gives it), `event` (whoever emits the event), `sdk` (the SDK itself) or `collector` (the collector processor).\n',
    '\n',
    attributeTable(spec.attributes),
  ].join('');
}

function recordSection(spec) {
  const fromContext = spec.attributes
    .filter((attribute) => attribute.setBy === 'context')
    .map((a) => code(a.key));
  const severityRows = spec.levels.map((level) =>
    row([code(level.name), String(level.severityNumber), severityName(level.severityNumber), level.brief]),
  );
  return [
    '## How a record looks\n',
    '\n',
    '| Field | Value |\n',
    '| --- | --- |\n',
    row(['EventName', '`security.` + the event name, e.g. `security.authn_login_fail`']),
    row(['SeverityText', `the event's level: ${spec.levels.map((level) => code(level.name)).join(', ')}`]),
    row(['SeverityNumber', 'fixed by the level, see below']),
    row(['Body', "a short sentence rendered from the event's body template, redacted like every attribute"]),
    row([
      'Attributes',
      "the event's own, the request context's and `security.category` (the event's category)",
    ]),
    row([
      'TraceId, SpanId',
      'those of the span active where the event was emitted, so the record links to its trace',
    ]),
    '\n',
    '### Severity\n',
    '\n',
    '| Level (severityText) | severityNumber | OpenTelemetry name | Meaning |\n',
    '| --- | --- | --- | --- |\n',
    ...severityRows,
    '\n',
    'CRITICAL is exported as FATAL so that these records rank above every ERROR the application logs itself.\n',
    '\n',
    '### Body\n',
    '\n',
    'Each event has a body template. `{key}` stands for the value of attribute `key`; a `[ ... ]` segment is\n',
    'left out whole when any placeholder inside it has no value. With `login failed[ for {user.name}][: {security.reason}]`,\n',
    'a record with both attributes reads `login failed for alice: bad_password`, one without `user.name` reads\n',
    '`login failed: bad_password`. An explicit body given by the caller replaces the template.\n',
    '\n',
    '### Attributes from the request context\n',
    '\n',
    'Inside a request the SDK adds these attributes to every event, unless the event gives its own value:\n',
    `${fromContext.join(', ')}. The tables below list them only where they matter to the event.\n`,
    '\n',
  ].join('');
}

/** With `categoryTitles`, for events of mixed categories, the table has a category column. */
function eventTable(events, { categoryTitles } = {}) {
  const withCategory = categoryTitles !== undefined;
  const header = [
    'Event',
    ...(withCategory ? ['Category'] : []),
    'Level',
    'Description',
    'Required',
    'Optional',
    'Body',
  ];
  const rows = events.map((event) =>
    row([
      code(event.eventName),
      ...(withCategory ? [`${categoryTitles.get(event.category)} (${code(event.category)})`] : []),
      event.level,
      event.description,
      codeList(event.required),
      codeList(event.optional),
      code(event.body),
    ]),
  );
  return [row(header), row(header.map(() => '---')), ...rows].join('');
}

function attributeTable(attributes) {
  const rows = attributes.map((attribute) =>
    row([
      code(attribute.key),
      code(attribute.type),
      attribute.semconv ? 'semantic convention' : 'secotel',
      attribute.setBy,
      attribute.values ? `${attribute.brief} One of ${codeList(attribute.values)}.` : attribute.brief,
    ]),
  );
  return [
    row(['Key', 'Type', 'Convention', 'Set by', 'Description']),
    row(Array(5).fill('---')),
    ...rows,
  ].join('');
}

/** OpenTelemetry's short name for a SeverityNumber: 9 -> INFO, 10 -> INFO2, 21 -> FATAL. */
function severityName(number) {
  const names = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];
  const step = (number - 1) % 4;
  return `${names[Math.floor((number - 1) / 4)]}${step === 0 ? '' : step + 1}`;
}

function row(cells) {
  return `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |\n`;
}

const code = (text) => `\`${text}\``;
const codeList = (values) => (values.length === 0 ? '-' : values.map(code).join(', '));
