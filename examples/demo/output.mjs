// Reads the collector's file exporter output (OTLP JSON, one payload per line) and tabulates it.
import { readFile } from 'node:fs/promises';
import { table } from '../attack-simulator/simulate.mjs';

/** An OTLP JSON AnyValue as a plain value (64-bit integers arrive as strings). */
function decode(value) {
  if (value === undefined || value === null) return undefined;
  if ('stringValue' in value) return value.stringValue;
  if ('intValue' in value) return Number(value.intValue);
  if ('doubleValue' in value) return value.doubleValue;
  if ('boolValue' in value) return value.boolValue;
  if ('arrayValue' in value) return (value.arrayValue.values ?? []).map(decode);
  if ('kvlistValue' in value)
    return Object.fromEntries((value.kvlistValue.values ?? []).map((kv) => [kv.key, decode(kv.value)]));
  return undefined;
}

/**
 * Every log record of the file, as { eventName, severityText, body, attributes, service }. A last line that is
 * still being written (no newline yet) is left out.
 */
export async function readRecords(path) {
  const text = await readFile(path, 'utf8').catch((error) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  const records = [];
  for (const line of complete.split('\n')) {
    if (line.trim() === '') continue;
    for (const resourceLogs of JSON.parse(line).resourceLogs ?? []) {
      const resource = Object.fromEntries(
        (resourceLogs.resource?.attributes ?? []).map((kv) => [kv.key, decode(kv.value)]),
      );
      for (const scopeLogs of resourceLogs.scopeLogs ?? [])
        for (const log of scopeLogs.logRecords ?? [])
          records.push({
            eventName: log.eventName ?? '',
            severityText: log.severityText ?? '',
            body: decode(log.body),
            attributes: Object.fromEntries((log.attributes ?? []).map((kv) => [kv.key, decode(kv.value)])),
            service: resource['service.name'],
          });
    }
  }
  return records;
}

const count = (map, key, by = 1) => map.set(key, (map.get(key) ?? 0) + by);
const sources = (set) => {
  const list = [...set].filter(Boolean).sort();
  return list.length > 3 ? `${list.slice(0, 3).join(', ')} and ${list.length - 3} more` : list.join(', ');
};

/** Records by event name, alerts by rule, attack inputs by kind. */
export function tabulate(records) {
  const events = new Map();
  const eventSources = new Map();
  const alerts = new Map();
  const attacks = new Map();
  for (const { eventName, severityText, attributes } of records) {
    const address = attributes['client.address'];
    if (eventName === 'security.alert') {
      const rule = String(attributes['security_rule.name'] ?? '?');
      const row = alerts.get(rule) ?? { count: 0, severity: severityText, sources: new Set() };
      row.count += 1;
      row.sources.add(address ?? attributes['user.name'] ?? attributes['security.alert.key']);
      alerts.set(rule, row);
      continue;
    }
    count(events, eventName);
    const set = eventSources.get(eventName) ?? new Set();
    set.add(address);
    eventSources.set(eventName, set);
    if (eventName === 'security.input_validation_fail' || eventName === 'security.malicious_attack_tool') {
      const kind =
        eventName === 'security.malicious_attack_tool'
          ? `attack tool ${attributes['security.attack.tool'] ?? ''}`.trim()
          : String(attributes['security.attack.kind'] ?? '?');
      const row = attacks.get(kind) ?? { count: 0, sources: new Set(), routes: new Set() };
      row.count += 1;
      row.sources.add(address);
      row.routes.add(attributes['http.route'] ?? attributes['url.path']);
      attacks.set(kind, row);
    }
  }
  return { events, eventSources, alerts, attacks, total: records.length };
}

export function formatTables({ events, eventSources, alerts, attacks, total }) {
  const byCount = (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]);
  return [
    `security events by name (${total - [...alerts.values()].reduce((s, a) => s + a.count, 0)} records)`,
    table(
      ['event', 'records', 'sources'],
      [...events].sort(byCount).map(([name, n]) => [name, n, sources(eventSources.get(name))]),
    ),
    '',
    'attack inputs by kind',
    table(
      ['kind', 'records', 'routes', 'sources'],
      [...attacks]
        .sort((a, b) => b[1].count - a[1].count)
        .map(([kind, row]) => [
          kind,
          row.count,
          [...row.routes].filter(Boolean).sort().join(' '),
          sources(row.sources),
        ]),
    ),
    '',
    `collector alerts by rule (${[...alerts.values()].reduce((s, a) => s + a.count, 0)} security.alert records)`,
    table(
      ['rule', 'alerts', 'severity', 'key'],
      [...alerts]
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([rule, row]) => [rule, row.count, row.severity, sources(row.sources)]),
    ),
  ].join('\n');
}
