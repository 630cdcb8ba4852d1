import { goAttributeConstant, goEventConstant, goLevelConstant } from './identifiers.mjs';

/**
 * events.go for the collector: constants for levels, event names and attribute keys, and the level maps.
 * The output is already in gofmt's layout: a doc comment ends gofmt's alignment run, so only the uncommented
 * runs (the level constants and the map literals) need their right-hand sides aligned.
 */
export function renderGo(spec) {
  const levels = alignedLines(
    spec.levels.map((level) => [goLevelConstant(level.name), `= ${goString(level.name)}`]),
  );
  const events = spec.events.map(
    (event) =>
      `\t// ${goEventConstant(event.name)} (${event.level}${event.owasp ? '' : ', secotel extension'}): ${event.description}\n` +
      `\t${goEventConstant(event.name)} = ${goString(event.eventName)}\n`,
  );
  const attributes = spec.attributes.map(
    (attribute) =>
      `\t// ${goAttributeConstant(attribute.key)} (${attribute.type}): ${attribute.brief}\n` +
      `\t${goAttributeConstant(attribute.key)} = ${goString(attribute.key)}\n`,
  );
  const levelByEvent = alignedLines(
    spec.events.map((event) => [`${goEventConstant(event.name)}:`, `${goLevelConstant(event.level)},`]),
  );
  const severityByLevel = alignedLines(
    spec.levels.map((level) => [`${goLevelConstant(level.name)}:`, `${level.severityNumber},`]),
  );
  return [
    '// Code generated from spec/security-events.yaml by scripts/generate-semconv.mjs. DO NOT EDIT.\n',
    '\n',
    "// Package securityevents holds secotel's security event names, attribute keys and levels.\n",
    'package securityevents\n',
    '\n',
    "// Levels, exported as the record's severity text.\n",
    'const (\n',
    ...levels,
    ')\n',
    '\n',
    "// Event names: the log record's EventName.\n",
    'const (\n',
    ...events,
    ')\n',
    '\n',
    '// Attribute keys.\n',
    'const (\n',
    ...attributes,
    ')\n',
    '\n',
    '// Levels maps each event name to its level.\n',
    'var Levels = map[string]string{\n',
    ...levelByEvent,
    '}\n',
    '\n',
    '// SeverityNumber maps each level to the OpenTelemetry SeverityNumber it is exported with.\n',
    'var SeverityNumber = map[string]int{\n',
    ...severityByLevel,
    '}\n',
  ].join('');
}

/** One line per pair with the right-hand sides in one column, as gofmt aligns a run of uncommented lines. */
function alignedLines(pairs) {
  const width = Math.max(...pairs.map(([left]) => left.length));
  return pairs.map(([left, right]) => `\t${left.padEnd(width)} ${right}\n`);
}

/** A Go interpreted string literal; JSON's escapes are all valid Go escapes. */
function goString(text) {
  return JSON.stringify(text);
}
