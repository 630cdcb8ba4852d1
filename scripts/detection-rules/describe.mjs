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

/** The firing condition, e.g. "10 in 5m", "10 distinct in 1h", "within 10m", "silent for 5m". */
export function firesText(rule) {
  if (rule.type === 'temporal_ordered') return `within ${rule.timespan}`;
  if (rule.type === 'source_silent') return `silent for ${rule.timespan} (or 2 heartbeat intervals)`;
  return `${rule.threshold}${rule.type === 'value_count' ? ' distinct' : ''} in ${rule.timespan}`;
}

/** What a rule's records are, sequence steps included, e.g. "5 × `a`, then `b`"; for source_silent, the absence. */
export function selectsText(rule) {
  if (rule.type === 'source_silent') {
    return `${selectionText(rule.alive)}, then nothing (no ${selectionText(rule.ended)})`;
  }
  if (rule.type !== 'temporal_ordered') return selectionText(rule.select);
  return rule.steps
    .map((step) => `${step.minCount > 1 ? `${step.minCount} × ` : ''}${selectionText(step.select)}`)
    .join(', then ');
}

/** The Prometheus severity label of an OWASP level. */
export const prometheusSeverity = (level) => ({ INFO: 'info', WARN: 'warning', CRITICAL: 'critical' })[level];

/** A number of seconds in the largest whole unit, e.g. 3600 -> "1h", 90 -> "90s". */
export function spanText(seconds) {
  for (const [unit, size] of [
    ['h', 3600],
    ['m', 60],
  ])
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  return `${seconds}s`;
}

/** How far back a SIEM search for an absence looks: long enough to still see an instance's last record after its silence. */
export const silentLookbackSeconds = (rule) => rule.seconds * 12;
