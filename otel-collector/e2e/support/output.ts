import { readFileSync, writeFileSync } from 'node:fs';
import { decodeValue } from '../../../test-support/otlp-sink';

/** The instrumentation scope of the records the security processor writes (alerts, checkpoints). */
export const PROCESSOR_SCOPE = 'secotel.securityprocessor';

/** One log record of the file exporter's output (OTLP JSON, one payload per line). */
export interface OutputRecord {
  /** 1-based line of the file, and 1-based place of the record in that line, as secotel-verify counts. */
  line: number;
  record: number;
  scope: string;
  eventName: string;
  severityText: string;
  body: unknown;
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
}

type Attribute = { key: string; value?: Parameters<typeof decodeValue>[0] };
interface LogRecordJson {
  eventName?: string;
  severityText?: string;
  body?: Attribute['value'];
  attributes?: Attribute[];
}
interface Payload {
  resourceLogs?: Array<{
    resource?: { attributes?: Attribute[] };
    scopeLogs?: Array<{
      scope?: { name?: string };
      logRecords?: LogRecordJson[];
    }>;
  }>;
}

const decodeAttributes = (list: Attribute[] | undefined) =>
  Object.fromEntries((list ?? []).map(({ key, value }) => [key, decodeValue(value)]));

function payloads(path: string): Payload[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Payload);
}

/** Every record of the output, in file order. */
export function readOutput(path: string): OutputRecord[] {
  return payloads(path).flatMap((payload, lineIndex) => {
    let record = 0;
    return (payload.resourceLogs ?? []).flatMap((resourceLogs) =>
      (resourceLogs.scopeLogs ?? []).flatMap((scopeLogs) =>
        (scopeLogs.logRecords ?? []).map((log) => ({
          line: lineIndex + 1,
          record: ++record,
          scope: scopeLogs.scope?.name ?? '',
          eventName: log.eventName ?? '',
          severityText: log.severityText ?? '',
          body: decodeValue(log.body),
          attributes: decodeAttributes(log.attributes),
          resource: decodeAttributes(resourceLogs.resource?.attributes),
        })),
      ),
    );
  });
}

export const seqOf = (record: OutputRecord) => record.attributes['security.integrity.seq'] as number;

/**
 * Copies the output to `dest`, changing the records array that holds the record with chain seq `seq`:
 * `change` gets the array and the record's index in it. Other lines are copied byte for byte.
 */
export function tamperedCopy(
  source: string,
  dest: string,
  seq: number,
  change: (records: LogRecordJson[], index: number) => void,
): void {
  const isTarget = (log: LogRecordJson) =>
    log.attributes?.some((a) => a.key === 'security.integrity.seq' && Number(a.value?.intValue) === seq);
  const lines = readFileSync(source, 'utf8').split('\n');
  const changed = lines.map((line) => {
    if (line.trim() === '') return line;
    const payload = JSON.parse(line) as Payload;
    for (const scopeLogs of (payload.resourceLogs ?? []).flatMap((r) => r.scopeLogs ?? [])) {
      const records = scopeLogs.logRecords ?? [];
      const index = records.findIndex(isTarget);
      if (index < 0) continue;
      change(records, index);
      return JSON.stringify(payload);
    }
    return line;
  });
  if (changed.every((line, i) => line === lines[i]))
    throw new Error(`no record with seq ${seq} in ${source}`);
  writeFileSync(dest, changed.join('\n'));
}

/** Sets a string attribute of a record (as someone editing the stored output would). */
export function setAttribute(log: LogRecordJson, key: string, value: string): void {
  const attribute = log.attributes?.find((a) => a.key === key);
  if (attribute === undefined) throw new Error(`the record has no attribute ${key}`);
  attribute.value = { stringValue: value };
}
