import { firesText, prometheusSeverity, selectsText, typeText } from './describe.mjs';

/** The processor README's table of default rules. */
export function renderRulesTable({ rules }) {
  const rows = rules.map((rule) => {
    const severity = rule.emit ? `${rule.severity}, and emits \`security.${rule.emit}\`` : rule.severity;
    return `| \`${rule.name}\` | ${typeText(rule)} | ${selectsText(rule)} | ${rule.group_by.join(', ')} | ${firesText(rule)} | ${severity} |`;
  });
  return [
    '| name | type | selects | key | fires at | severity |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

/** The stack README's table of the Prometheus alerts over the detection rules. */
export function renderAlertsTable({ prometheusAlerts }) {
  const rows = prometheusAlerts.map(({ alert, rules }) => {
    const firesOn =
      rules.length === 1
        ? `\`${rules[0].name}\` (${rules[0].description.toLowerCase()})`
        : `${rules.map((rule) => `\`${rule.name}\``).join(', ')} (label \`rule\` says which)`;
    return `| ${alert} | ${firesOn} | ${prometheusSeverity(rules[0].severity)} |`;
  });
  return ['| alert | fires on | severity |', '| --- | --- | --- |', ...rows, ''].join('\n');
}

/** docs/detection-content.md's table: how each default rule is written for each SIEM toolchain. */
export function renderContentTable({ rules }) {
  const rows = rules.map((rule) => {
    if (rule.type === 'source_silent') {
      return `| \`${rule.name}\` | ${firesText(rule)} by ${rule.group_by.join(', ')} | none (absence; see below) | ES\\|QL \`STATS MAX\` of the last alive record | \`stats max\` of the last alive record |`;
    }
    const sigma =
      rule.type === 'temporal_ordered'
        ? 'temporal_ordered over an event_count step (chained)'
        : `${rule.type}${rule.per_value ? ' (without the per-value bounds)' : ''}`;
    const elastic = rule.type === 'temporal_ordered' ? 'EQL `sequence ... with runs`' : 'ES\\|QL `STATS`';
    const splunk = rule.type === 'temporal_ordered' ? '`streamstats` per key' : '`stats`';
    return `| \`${rule.name}\` | ${firesText(rule)} by ${rule.group_by.join(', ')} | ${sigma} | ${elastic} | ${splunk} |`;
  });
  return [
    '| rule | fires at | Sigma correlation | Elastic | Splunk |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
