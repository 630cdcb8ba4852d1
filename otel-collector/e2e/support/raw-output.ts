import { readFileSync } from 'node:fs';
import { decodeValue } from '../../../test-support/otlp-sink';

type Value = Parameters<typeof decodeValue>[0];
interface KeyValue {
  key: string;
  value?: Value;
}

/**
 * One record of the file exporter's output as written: attribute keys in their order, repeated keys kept
 * (readOutput folds attributes into an object, which would hide a repeated key).
 */
export interface RawRecord {
  scope: string;
  eventName: string;
  attributes: Array<{ key: string; value: unknown }>;
  resourceKeys: string[];
}

interface Payload {
  resourceLogs?: Array<{
    resource?: { attributes?: KeyValue[] };
    scopeLogs?: Array<{
      scope?: { name?: string };
      logRecords?: Array<{ eventName?: string; attributes?: KeyValue[] }>;
    }>;
  }>;
}

/** Every record of the output, in file order. Each line must be one JSON payload. */
export function readRawRecords(path: string): RawRecord[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => {
      const payload = JSON.parse(line) as Payload;
      return (payload.resourceLogs ?? []).flatMap((resourceLogs) =>
        (resourceLogs.scopeLogs ?? []).flatMap((scopeLogs) =>
          (scopeLogs.logRecords ?? []).map((log) => ({
            scope: scopeLogs.scope?.name ?? '',
            eventName: log.eventName ?? '',
            attributes: (log.attributes ?? []).map(({ key, value }) => ({ key, value: decodeValue(value) })),
            resourceKeys: (resourceLogs.resource?.attributes ?? []).map(({ key }) => key),
          })),
        ),
      );
    });
}

/**
 * Every distinct match of `pattern`'s first group in the output's text. For counting records by an identifier
 * they carry: it reads a file whose last line a crash cut or glued to the next run's first line.
 */
export function identifiersIn(path: string, pattern: RegExp): Set<string> {
  const text = readFileSync(path, 'utf8');
  return new Set(Array.from(text.matchAll(new RegExp(pattern.source, 'g')), (match) => match[1] ?? ''));
}
