import {
  goAttributeConstant,
  goEventConstant,
  goLevelConstant,
} from '../../packages/semconv/generator/identifiers.mjs';

const GO_TYPE = {
  event_count: 'TypeEventCount',
  value_count: 'TypeValueCount',
  temporal_ordered: 'TypeTemporalOrdered',
  source_silent: 'TypeSourceSilent',
};
const GO_UNIT = { 3600: 'time.Hour', 60: 'time.Minute', 1: 'time.Second' };
const ev = (name) => `securityevents.${goEventConstant(name)}`;
const attr = (key) => `securityevents.${goAttributeConstant(key)}`;

/**
 * defaults_generated.go: DefaultRules() of the processor's detection package. One rule per line, so the output is
 * in gofmt's layout without aligning anything.
 */
export function renderGo({ rules }) {
  const body = rules.flatMap((rule) => [
    ...comment(`${rule.name}: ${rule.description}.${rule.why ? ` ${rule.why}` : ''}`),
    `\t\t{${fields(rule).join(', ')}},\n`,
  ]);
  return [
    '// Code generated from spec/detection-rules.yaml by scripts/generate-detection-rules.mjs. DO NOT EDIT.\n',
    '\n',
    'package detection\n',
    '\n',
    'import (\n',
    '\t"time"\n',
    '\n',
    '\t"github.com/secotel/secotel/otel-collector/securityprocessor/internal/securityevents"\n',
    ')\n',
    '\n',
    '// DefaultRules are used when the configuration lists no rules. The README documents each one.\n',
    'func DefaultRules() []Rule {\n',
    '\treturn []Rule{\n',
    ...body,
    '\t}\n',
    '}\n',
  ].join('');
}

function fields(rule) {
  const out = [
    `Name: ${JSON.stringify(rule.name)}`,
    `Type: ${GO_TYPE[rule.type]}`,
    `Severity: securityevents.${goLevelConstant(rule.severity)}`,
    `Category: ${JSON.stringify(rule.category)}`,
    `Description: ${JSON.stringify(rule.description)}`,
  ];
  if (rule.select) out.push(`Select: ${selector(rule.select)}`);
  // A source_silent rule's key is fixed by its type (the resource's service identity), not configured.
  if (rule.type !== 'source_silent') out.push(`GroupBy: []string{${rule.group_by.map(attr).join(', ')}}`);
  out.push(`Timespan: ${duration(rule.seconds)}`);
  if (rule.field) out.push(`Field: ${attr(rule.field)}`);
  if (rule.threshold) out.push(`Threshold: ${rule.threshold}`);
  if (rule.per_value) out.push(`PerValueMin: ${rule.per_value.min}`, `PerValueMax: ${rule.per_value.max}`);
  if (rule.steps.length > 0) {
    const steps = rule.steps.map(
      (step) => `{Select: ${selector(step.select)}${step.min_count ? `, MinCount: ${step.min_count}` : ''}}`,
    );
    out.push(`Sequence: []Step{${steps.join(', ')}}`);
  }
  if (rule.emit) out.push(`Emit: ${ev(rule.emit)}`);
  return out;
}

function selector({ events, where }) {
  const parts = [];
  if (events.length > 0) parts.push(`Events: []string{${events.map(ev).join(', ')}}`);
  const conditions = Object.entries(where);
  if (conditions.length > 0) {
    parts.push(
      `Where: map[string]string{${conditions.map(([k, v]) => `${attr(k)}: ${JSON.stringify(v)}`).join(', ')}}`,
    );
  }
  return `Selector{${parts.join(', ')}}`;
}

function duration(seconds) {
  for (const [unit, name] of Object.entries(GO_UNIT).sort((a, b) => b[0] - a[0])) {
    if (seconds % unit === 0) return seconds === Number(unit) ? name : `${seconds / unit} * ${name}`;
  }
  throw new Error(`no Go duration for ${seconds}s`);
}

/** A Go line comment wrapped at about 110 columns. */
function comment(text) {
  const lines = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + word.length > 104) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines.map((l) => `\t\t// ${l}\n`);
}
