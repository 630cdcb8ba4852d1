// Plain-words renderings of a rule's facts, shared by the docs and the alert texts.

/** "5m" style window, as the spec writes it. */
export const windowText = (rule) => rule.timespan;

/** What the rule selects, e.g. "`security.authn_login_fail`" or "any `security.*` with `http.response.status_code` = 404". */
export function selectionText(select) {
  const events = select.eventNames.map((name) => `\`${name}\``).join(' or ');
  const where = Object.entries(select.where).map(([key, value]) => `\`${key}\` = ${value}`);
  if (events === '') return `any \`security.*\` with ${where.join(' and ')}`;
  return where.length > 0 ? `${events} with ${where.join(' and ')}` : events;
}

/** The rule's type as the tables show it, e.g. "value_count (user.name), per value 2-5". */
export function typeText(rule) {
  if (rule.type !== 'value_count') return rule.type;
  const bounds = rule.per_value ? `, per value ${rule.per_value.min}-${rule.per_value.max}` : '';
  return `value_count (${rule.field})${bounds}`;
}

/** The firing condition, e.g. "10 in 5m", "10 distinct in 1h", "within 10m". */
export function firesText(rule) {
  if (rule.type === 'temporal_ordered') return `within ${rule.timespan}`;
  return `${rule.threshold}${rule.type === 'value_count' ? ' distinct' : ''} in ${rule.timespan}`;
}

/** What a rule's records are, sequence steps included, e.g. "5 × `a`, then `b`". */
export function selectsText(rule) {
  if (rule.type !== 'temporal_ordered') return selectionText(rule.select);
  return rule.steps
    .map((step) => `${step.minCount > 1 ? `${step.minCount} × ` : ''}${selectionText(step.select)}`)
    .join(', then ');
}

/** The Prometheus severity label of an OWASP level. */
export const prometheusSeverity = (level) => ({ INFO: 'info', WARN: 'warning', CRITICAL: 'critical' })[level];
