import type { ReceivedRecord } from './otlp-sink';

/** The one record with this event name and URL path; fails naming what did arrive otherwise. */
export function recordFor(
  records: readonly ReceivedRecord[],
  eventName: string,
  path: string,
): ReceivedRecord {
  const matches = records.filter((r) => r.eventName === eventName && r.attributes['url.path'] === path);
  if (matches.length !== 1) {
    const seen = records.map((r) => `${r.eventName} ${String(r.attributes['url.path'])}`).join('\n  ');
    throw new Error(`expected one ${eventName} for ${path}, got ${matches.length}; records:\n  ${seen}`);
  }
  return matches[0] as ReceivedRecord;
}

export function recordsFor(records: readonly ReceivedRecord[], path: string): ReceivedRecord[] {
  return records.filter((r) => r.attributes['url.path'] === path);
}
