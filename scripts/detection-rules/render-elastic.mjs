import { silentLookbackSeconds, spanText } from './describe.mjs';
import { stableUuid } from './ids.mjs';
import { actionOf, ELASTIC_INDEX, fieldIn } from './siem-fields.mjs';

// Elastic detection rules in the TOML layout of Elastic's detection-rules repository: ES|QL for the counting rules,
// EQL for the sequence. Fields are the ECS names the collector's Elasticsearch encoder writes (spec/siem-mapping.yaml).
const SEVERITY = { INFO: ['low', 21], WARN: ['medium', 47], CRITICAL: ['critical', 99] };
/** The content's date in the metadata: when these rules were first published, kept stable across generations. */
const CREATED = '2026/12/06';

/** siem/elastic/rules/<rule>.toml for every default rule. */
export function renderElasticRules({ rules }, mapping) {
  return rules.map((rule) => [`siem/elastic/rules/${rule.name}.toml`, renderRule(rule, mapping)]);
}

/** The rule's query and its language. */
export function elasticQuery(rule, mapping) {
  const ecs = (attribute) => fieldIn(mapping, 'ecs', attribute);
  if (rule.type === 'temporal_ordered') {
    const steps = rule.steps.map(
      (step) =>
        `  [any where ${condition(step.select, ecs, ' == ', ' and ')}]${step.minCount > 1 ? ` with runs=${step.minCount}` : ''}`,
    );
    return {
      language: 'eql',
      query: [
        `sequence by ${rule.group_by.map(ecs).join(', ')} with maxspan=${rule.timespan}`,
        ...steps,
      ].join('\n'),
    };
  }
  if (rule.type === 'source_silent') return silentQuery(rule, ecs);
  const keys = rule.group_by.map(ecs);
  const present = keys.map((key) => `${key} IS NOT NULL`).join(' AND ');
  const lines = [
    `FROM ${ELASTIC_INDEX}`,
    `| WHERE ${condition(rule.select, ecs, ' == ', ' AND ')} AND ${present}`,
  ];
  if (rule.type === 'event_count') {
    lines.push(
      `| STATS event_count = COUNT(*) BY ${keys.join(', ')}`,
      `| WHERE event_count >= ${rule.threshold}`,
    );
  } else {
    const field = ecs(rule.field);
    if (rule.per_value) {
      lines.push(
        `| STATS per_value = COUNT(*) BY ${keys.join(', ')}, ${field}`,
        `| WHERE per_value >= ${rule.per_value.min} AND per_value <= ${rule.per_value.max}`,
        `| STATS value_count = COUNT(*) BY ${keys.join(', ')}`,
      );
    } else {
      lines.push(`| STATS value_count = COUNT_DISTINCT(${field}) BY ${keys.join(', ')}`);
    }
    lines.push(`| WHERE value_count >= ${rule.threshold}`);
  }
  return { language: 'esql', query: lines.join('\n') };
}

/**
 * source_silent as ES|QL: per instance, the last record saying it is alive and the last saying it ended; an
 * instance that announced a heartbeat, did not end after it, and is quiet past the timespan (or two of its
 * intervals) is silent. It trusts the event names: unlike the collector it cannot check a shutdown's proof.
 */
function silentQuery(rule, ecs) {
  const keys = rule.group_by.map(ecs);
  const actions = (select) => select.eventNames.map((name) => JSON.stringify(actionOf(name))).join(', ');
  const interval = ecs('security.heartbeat.interval');
  return {
    language: 'esql',
    query: [
      `FROM ${ELASTIC_INDEX}`,
      `| WHERE event.action IN (${actions(rule.alive)}, ${actions(rule.ended)}) AND ${keys.map((k) => `${k} IS NOT NULL`).join(' AND ')}`,
      `| EVAL alive_at = CASE(event.action IN (${actions(rule.alive)}), @timestamp), ended_at = CASE(event.action IN (${actions(rule.ended)}), @timestamp)`,
      `| STATS last_alive = MAX(alive_at), last_end = MAX(ended_at), heartbeat = MAX(${interval}) BY ${keys.join(', ')}`,
      '| WHERE last_alive IS NOT NULL AND heartbeat > 0 AND (last_end IS NULL OR last_end < last_alive)',
      `| WHERE DATE_DIFF("seconds", last_alive, NOW()) >= GREATEST(${rule.seconds}, 2 * heartbeat)`,
    ].join('\n'),
  };
}

function condition(select, ecs, equals, and) {
  const parts = [];
  const actions = select.eventNames.map((name) => JSON.stringify(actionOf(name)));
  if (actions.length === 1) parts.push(`event.action${equals}${actions[0]}`);
  if (actions.length > 1) parts.push(`event.action IN (${actions.join(', ')})`);
  for (const [attribute, value] of Object.entries(select.where)) {
    parts.push(`${ecs(attribute)}${equals}${/^[0-9]+$/.test(value) ? value : JSON.stringify(value)}`);
  }
  return parts.join(and);
}

function renderRule(rule, mapping) {
  const { language, query } = elasticQuery(rule, mapping);
  const [severity, risk] = SEVERITY[rule.severity];
  const interval = rule.seconds > 300 ? '5m' : rule.timespan;
  const lookback = rule.type === 'source_silent' ? spanText(silentLookbackSeconds(rule)) : rule.timespan;
  const toml = (value) => JSON.stringify(value);
  return [
    '# Generated from spec/detection-rules.yaml and spec/siem-mapping.yaml by scripts/generate-detection-rules.mjs - do not edit.',
    '[metadata]',
    `creation_date = ${toml(CREATED)}`,
    'maturity = "production"',
    `updated_date = ${toml(CREATED)}`,
    '',
    '[rule]',
    'author = ["secotel"]',
    `description = ${toml(`${rule.description}. The secotel collector's default rule ${rule.name}, on the records its Elasticsearch exporter writes.`)}`,
    `from = ${toml(`now-${lookback}`)}`,
    ...(language === 'eql' ? [`index = [${toml(ELASTIC_INDEX)}]`] : []),
    `interval = ${toml(interval)}`,
    `language = ${toml(language)}`,
    'license = "Apache License 2.0"',
    `name = ${toml(`secotel: ${rule.title}`)}`,
    `risk_score = ${risk}`,
    `rule_id = ${toml(stableUuid(`elastic:${rule.name}`))}`,
    `severity = ${toml(severity)}`,
    `tags = ["Data Source: secotel", ${toml(`Use Case: ${rule.category}`)}]`,
    'timestamp_override = "event.ingested"',
    `type = ${toml(language)}`,
    '',
    "query = '''",
    query,
    "'''",
    '',
  ].join('\n');
}
