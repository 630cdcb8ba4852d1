import { stringify as yamlText } from 'yaml';
import { stableUuid } from './ids.mjs';

/** The Sigma logsource of secotel's own records: the field names are the record's (attribute keys, event_name). */
export const SECOTEL_LOGSOURCE = { product: 'secotel', service: 'security' };
/** Sigma levels of the OWASP levels, as the SIEM mapping's severity bands name them (WARN medium, CRITICAL critical). */
const LEVEL = { INFO: 'low', WARN: 'medium', CRITICAL: 'critical' };
/** YAML as the rules are written: no anchors, no folded lines. */
export const stringify = (value) => yamlText(value, { aliasDuplicateObjects: false, lineWidth: 0 });
const HEADER =
  '# Generated from spec/detection-rules.yaml by scripts/generate-detection-rules.mjs - do not edit.\n';

/** The Sigma base rule's name for a selector: the events it selects, or the attribute values. */
export function baseRuleName(select) {
  if (select.events.length > 0) return `secotel_${select.events.join('_or_')}`;
  return `secotel_${Object.entries(select.where)
    .map(([key, value]) => `${key}_${value}`.replace(/[^a-z0-9]+/g, '_'))
    .join('_')}`;
}

/** Every distinct selector of the rules, keyed by its base rule's name. */
function baseSelectors(rules) {
  const selectors = new Map();
  for (const rule of rules) for (const select of rule.selectors) selectors.set(baseRuleName(select), select);
  return selectors;
}

/** sigma/rules/...: one base rule per selector, one correlation rule (or two, chained) per counting or sequence rule. */
export function renderSigmaRules({ rules }) {
  const files = [];
  for (const [name, select] of baseSelectors(rules)) {
    files.push([`sigma/rules/secotel_events/${name}.yml`, baseRule(name, select)]);
  }
  // Sigma correlations count what happened; an absence (source_silent) has no Sigma form (docs/detection-content.md).
  for (const rule of rules.filter((r) => r.type !== 'source_silent')) {
    files.push([`sigma/rules/${rule.name}.yml`, correlationRules(rule)]);
  }
  return files;
}

function baseRule(name, select) {
  const selection = {};
  if (select.eventNames.length > 0) {
    selection.event_name = select.eventNames.length === 1 ? select.eventNames[0] : select.eventNames;
  }
  for (const [key, value] of Object.entries(select.where))
    selection[key] = /^[0-9]+$/.test(value) ? Number(value) : value;
  const what = select.eventNames.length > 0 ? select.eventNames.join(' or ') : 'security.*';
  const where = Object.entries(select.where).map(([key, value]) => `${key} ${value}`);
  return (
    HEADER +
    stringify({
      title: `secotel: ${what}${where.length ? ` with ${where.join(', ')}` : ''}`,
      id: stableUuid(`sigma-base:${name}`),
      name,
      status: 'stable',
      description: `secotel's ${what} records${where.length ? ` with ${where.join(', ')}` : ''}, one per fact. A base rule of the secotel correlation rules; alone it matches every such record.`,
      author: 'secotel',
      logsource: SECOTEL_LOGSOURCE,
      detection: { selection, condition: 'selection' },
      level: 'informational',
    })
  );
}

function correlationRules(rule) {
  const common = {
    author: 'secotel',
    status: 'stable',
    level: LEVEL[rule.severity],
    tags: [`secotel.${rule.category}`],
  };
  const head = {
    title: `secotel: ${rule.title}`,
    id: stableUuid(`sigma:${rule.name}`),
    name: rule.name,
    description: `${rule.description}. The secotel collector's default rule ${rule.name}.${note(rule)}`,
  };
  const groupBy = rule.group_by;
  if (rule.type === 'temporal_ordered') {
    // Sigma's temporal correlation needs each step once; a step counted several times becomes an event_count
    // correlation of its own that the temporal one chains.
    const chained = [];
    const steps = rule.steps.map((step, index) => {
      const base = baseRuleName(step.select);
      if (step.minCount <= 1) return base;
      const name = `${rule.name}_step${index + 1}`;
      chained.push({
        title: `secotel: ${rule.title}, step ${index + 1}`,
        id: stableUuid(`sigma:${name}`),
        name,
        description: `At least ${step.minCount} ${step.select.eventNames.join(' or ')} records: step ${index + 1} of ${rule.name}.`,
        ...common,
        correlation: {
          type: 'event_count',
          rules: [base],
          'group-by': groupBy,
          timespan: rule.timespan,
          condition: { gte: step.minCount },
        },
      });
      return name;
    });
    const ordered = {
      ...head,
      ...common,
      correlation: { type: 'temporal_ordered', rules: steps, 'group-by': groupBy, timespan: rule.timespan },
    };
    return HEADER + [...chained, ordered].map((doc) => stringify(doc)).join('---\n');
  }
  const condition = { gte: rule.threshold };
  if (rule.type === 'value_count') condition.field = rule.field;
  return (
    HEADER +
    stringify({
      ...head,
      ...common,
      correlation: {
        type: rule.type,
        rules: [baseRuleName(rule.select)],
        'group-by': groupBy,
        timespan: rule.timespan,
        condition,
      },
    })
  );
}

function note(rule) {
  if (!rule.per_value) return '';
  return ` Sigma cannot bound how often each counted value occurs, so this counts every ${rule.field} that failed; the collector counts only those with ${rule.per_value.min} to ${rule.per_value.max} failures.`;
}
