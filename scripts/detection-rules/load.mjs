import { parse } from 'yaml';
import { loadSpec } from '../../packages/semconv/generator/spec.mjs';

/** Where the rules live, relative to the repository root. */
export const RULES_PATH = 'spec/detection-rules.yaml';

const TYPES = ['event_count', 'value_count', 'temporal_ordered', 'source_silent'];
const NAME = /^[a-z][a-z0-9_]{0,63}$/;
const TIMESPAN = /^([1-9][0-9]*)([smh])$/;
const UNIT_SECONDS = { s: 1, m: 60, h: 3600 };
const RULE_KEYS = ['name', 'title', 'type', 'severity', 'category', 'description', 'group_by', 'timespan'];
/**
 * A source_silent rule watches service instances, not records: its key is fixed (the resource's service
 * identity), it selects the lifecycle events and fires on a timer, so it has no group_by, select or threshold.
 */
const SILENT_KEY = ['service.name', 'service.instance.id'];
const SILENT_ALIVE = ['sys_startup', 'sys_heartbeat'];
const SILENT_ENDED = ['sys_shutdown', 'sys_crash'];
const OPTIONAL_KEYS = [
  'select',
  'threshold',
  'field',
  'per_value',
  'sequence',
  'emit',
  'why',
  'demo',
  'prometheus',
];
// The events the collector raises from many records (detection.Emittable in the processor).
const EMITTABLE = ['malicious_excess_404'];

/** Rules that cannot be generated from; `problems` names every reason. */
export class RulesError extends Error {
  constructor(problems) {
    super(`${RULES_PATH} is invalid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'RulesError';
    this.problems = problems;
  }
}

/**
 * Parses and checks the default rules against the event model. Returns { rules, prometheusAlerts, model } where
 * each rule is the YAML entry plus `seconds` (the timespan), `selectors` (every selector of the rule, its own or
 * its sequence steps', with `eventNames` the full EventNames) and `level` ({ name, severityNumber }); model is
 * spec/security-events.yaml's loaded model. Throws a RulesError listing every problem found.
 */
export function loadRules(rulesText, eventsText) {
  const model = loadSpec(eventsText);
  let raw;
  try {
    raw = parse(rulesText);
  } catch (error) {
    throw new RulesError([`not valid YAML: ${error.message}`]);
  }
  const problems = [];
  if (!isObject(raw) || !Array.isArray(raw.rules) || !isObject(raw.prometheus_alerts)) {
    throw new RulesError(['the file needs `rules` (a list) and `prometheus_alerts` (a mapping)']);
  }
  for (const key of Object.keys(raw)) {
    if (!['rules', 'prometheus_alerts'].includes(key)) problems.push(`unknown top-level key ${key}`);
  }
  const context = {
    events: new Map(model.events.map((event) => [event.name, event])),
    attributes: new Set(model.attributes.map((attribute) => attribute.key)),
    levels: new Map(model.levels.map((level) => [level.name, level])),
  };
  const seen = new Set();
  const rules = raw.rules.map((rule, index) => {
    const where = `rules[${index}]${typeof rule?.name === 'string' ? ` (${rule.name})` : ''}`;
    if (seen.has(rule?.name)) problems.push(`${where}: the name is used twice`);
    seen.add(rule?.name);
    return checkRule(where, rule, context, problems);
  });
  const prometheusAlerts = checkAlerts(raw.prometheus_alerts, rules, problems);
  if (problems.length > 0) throw new RulesError(problems);
  return { rules, prometheusAlerts, model };
}

function checkRule(where, rule, context, problems) {
  if (!isObject(rule)) {
    problems.push(`${where} must be a mapping`);
    return {};
  }
  if (rule.type === 'source_silent') return checkSilentRule(where, rule, context, problems);
  for (const key of RULE_KEYS) if (!(key in rule)) problems.push(`${where}: missing ${key}`);
  for (const key of Object.keys(rule)) {
    if (!RULE_KEYS.includes(key) && !OPTIONAL_KEYS.includes(key))
      problems.push(`${where}: unknown key ${key}`);
  }
  const { level, seconds } = checkCommon(where, rule, context, problems);
  if (!Array.isArray(rule.group_by) || rule.group_by.length === 0) {
    problems.push(`${where}.group_by must list at least one attribute, e.g. [client.address]`);
  }
  for (const attribute of [...(rule.group_by ?? []), ...(rule.field ? [rule.field] : [])]) {
    if (!context.attributes.has(attribute))
      problems.push(`${where}: ${attribute} is not an attribute of the event model`);
  }
  if (rule.emit !== undefined && !EMITTABLE.includes(rule.emit)) {
    problems.push(
      `${where}.emit: ${rule.emit} is not an event the collector raises (${EMITTABLE.join(', ')})`,
    );
  }
  const counting = rule.type !== 'temporal_ordered';
  if (counting !== (rule.select !== undefined)) {
    problems.push(
      `${where}: ${counting ? 'a counting rule needs select' : 'temporal_ordered selects in sequence'}`,
    );
  }
  if (counting !== (Number.isInteger(rule.threshold) && rule.threshold >= 1)) {
    problems.push(`${where}.threshold: ${counting ? 'a whole number >= 1' : 'only counting rules have one'}`);
  }
  if ((rule.type === 'value_count') !== (typeof rule.field === 'string')) {
    problems.push(`${where}.field: value_count rules, and only they, name the attribute they count`);
  }
  if (rule.per_value !== undefined && (rule.type !== 'value_count' || !validBounds(rule.per_value))) {
    problems.push(`${where}.per_value: value_count only, { min, max } whole numbers with min <= max`);
  }
  if ((rule.type === 'temporal_ordered') !== Array.isArray(rule.sequence)) {
    problems.push(`${where}.sequence: temporal_ordered rules, and only they, list their steps`);
  }
  if (rule.demo !== undefined && !(isObject(rule.demo) && rule.demo.attack && rule.demo.key)) {
    problems.push(`${where}.demo must be { attack, key }`);
  }
  const steps = (rule.sequence ?? []).map((step, index) => {
    const at = `${where}.sequence[${index}]`;
    if (step.min_count !== undefined && !(Number.isInteger(step.min_count) && step.min_count >= 1)) {
      problems.push(`${at}.min_count must be a whole number >= 1`);
    }
    return {
      ...step,
      minCount: step.min_count ?? 1,
      select: checkSelect(`${at}.select`, step.select, context, problems),
    };
  });
  const select = counting ? checkSelect(`${where}.select`, rule.select, context, problems) : undefined;
  return {
    ...rule,
    level,
    seconds,
    select,
    steps,
    selectors: counting ? [select] : steps.map((step) => step.select),
  };
}

/** What every rule has: a name, its texts, type, severity and window. Returns the level and the window's seconds. */
function checkCommon(where, rule, context, problems) {
  if (!NAME.test(String(rule.name)))
    problems.push(`${where}.name must be lower_snake_case, e.g. brute_force`);
  for (const key of ['title', 'category', 'description']) {
    if (typeof rule[key] !== 'string' || rule[key] === '' || /[\r\n"\\]/.test(rule[key])) {
      problems.push(`${where}.${key} must be a one-line text without quotes or backslashes`);
    }
  }
  if (!TYPES.includes(rule.type))
    problems.push(`${where}.type: ${rule.type} is not one of ${TYPES.join(', ')}`);
  const level = context.levels.get(rule.severity);
  if (level === undefined) {
    problems.push(
      `${where}.severity: ${rule.severity} is not one of ${[...context.levels.keys()].join(', ')}`,
    );
  }
  const match = TIMESPAN.exec(String(rule.timespan));
  if (match === null) problems.push(`${where}.timespan: ${rule.timespan} is not like 30s, 5m or 1h`);
  return { level, seconds: match ? Number(match[1]) * UNIT_SECONDS[match[2]] : 0 };
}

/**
 * A source_silent rule: the common keys (and an optional why), nothing that selects or counts. Its group_by is the
 * fixed instance key, `alive` and `ended` the lifecycle events it watches; it has no selectors of records.
 */
function checkSilentRule(where, rule, context, problems) {
  const allowed = [
    'name',
    'title',
    'type',
    'severity',
    'category',
    'description',
    'timespan',
    'why',
    'prometheus',
  ];
  for (const key of ['name', 'title', 'severity', 'category', 'description', 'timespan', 'prometheus']) {
    if (!(key in rule)) problems.push(`${where}: missing ${key}`);
  }
  for (const key of Object.keys(rule)) {
    if (!allowed.includes(key)) {
      problems.push(
        `${where}: ${key} is not a key of a source_silent rule (it watches ${SILENT_KEY.join(' + ')} on a timer; keys: ${allowed.join(', ')})`,
      );
    }
  }
  const { level, seconds } = checkCommon(where, rule, context, problems);
  const select = (events) => checkSelect(`${where} (lifecycle events)`, { events }, context, problems);
  return {
    ...rule,
    level,
    seconds,
    group_by: SILENT_KEY,
    alive: select(SILENT_ALIVE),
    ended: select(SILENT_ENDED),
    steps: [],
    selectors: [],
  };
}

function checkSelect(where, select, context, problems) {
  if (!isObject(select)) {
    problems.push(`${where} must be { events: [...], where: {...} }`);
    return { events: [], eventNames: [], where: {} };
  }
  const events = select.events ?? [];
  for (const name of events) {
    if (!context.events.has(name))
      problems.push(`${where}.events: ${name} is not an event of the event model`);
  }
  const conditions = select.where ?? {};
  for (const [attribute, value] of Object.entries(conditions)) {
    if (!context.attributes.has(attribute)) problems.push(`${where}.where: ${attribute} is not an attribute`);
    if (typeof value !== 'string') problems.push(`${where}.where.${attribute}: write the value as a string`);
  }
  if (events.length === 0 && Object.keys(conditions).length === 0) {
    problems.push(`${where}: select at least one event or attribute value`);
  }
  return { events, eventNames: events.map((name) => context.events.get(name)?.eventName), where: conditions };
}

function checkAlerts(alerts, rules, problems) {
  const result = Object.entries(alerts).map(([alert, entry]) => {
    const members = rules.filter((rule) => rule.prometheus === alert);
    if (!/^[A-Z][A-Za-z0-9]*$/.test(alert))
      problems.push(`prometheus_alerts.${alert}: the name must be CamelCase`);
    if (typeof entry?.summary !== 'string') problems.push(`prometheus_alerts.${alert}: missing summary`);
    if (members.length === 0) problems.push(`prometheus_alerts.${alert}: no rule names it`);
    for (const key of ['severity', 'category']) {
      if (new Set(members.map((rule) => rule[key])).size > 1) {
        problems.push(`prometheus_alerts.${alert}: its rules disagree on ${key}`);
      }
    }
    return { alert, summary: entry?.summary, rules: members };
  });
  for (const rule of rules) {
    if (!(rule.prometheus in alerts)) {
      problems.push(`rules (${rule.name}).prometheus: ${rule.prometheus} is not in prometheus_alerts`);
    }
  }
  return result;
}

function validBounds(bounds) {
  return (
    isObject(bounds) &&
    Number.isInteger(bounds.min) &&
    Number.isInteger(bounds.max) &&
    bounds.min >= 0 &&
    bounds.min <= bounds.max
  );
}

function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
