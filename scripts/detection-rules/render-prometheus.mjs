import { prometheusSeverity } from './describe.mjs';

const LOGSQL = (rule) => `{event_name="security.alert"} security_rule.name:=${rule}`;

/** The secotel-detections rules of otel-collector/stack/prometheus-rules.yaml: one alert per prometheus_alerts entry. */
export function renderPrometheusRules({ prometheusAlerts }) {
  return prometheusAlerts.map(renderAlert).join('');
}

function renderAlert({ alert, summary, rules }) {
  const [first] = rules;
  const selector =
    rules.length === 1 ? `rule="${first.name}"` : `rule=~"${rules.map((rule) => rule.name).join('|')}"`;
  const series = `otelcol_processor_security_alerts{${selector}}`;
  const description =
    rules.length === 1
      ? `${first.description} (rule ${first.name}). The security.alert records are in VictoriaLogs: ${LOGSQL(first.name)}`
      : `One of: ${rules.map((rule) => `${rule.description} (rule ${rule.name})`).join('; ')}. ` +
        `The label rule says which. VictoriaLogs: ${LOGSQL('{{$labels.rule}}')}`;
  return [
    `      - alert: ${alert}\n`,
    '        expr: >-\n',
    `          sum by (job, instance, rule) (increase(${series}[10m])) > 0\n`,
    `          or sum by (job, instance, rule) (${series}\n`,
    `            unless ${series} offset 10m)\n`,
    '        labels:\n',
    `          severity: ${prometheusSeverity(first.severity)}\n`,
    `          category: ${first.category}\n`,
    '        annotations:\n',
    `          summary: ${JSON.stringify(summary)}\n`,
    '          description: >-\n',
    ...wrap(description, 100).map((line) => `            ${line}\n`),
  ].join('');
}

/** Words joined into lines of at most `width` characters (a longer word gets its own line). */
export function wrap(text, width) {
  const lines = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  return [...lines, line];
}
