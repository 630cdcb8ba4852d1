import { OTLP_SINK_BINARY } from './paths';
import { type OwnedProcess, startProcess } from './processes.mjs';

/** One log record as it arrived at the receiver, with its attributes decoded from OTLP JSON. */
export interface ReceivedRecord {
  encoding: 'json' | 'protobuf';
  resource: Record<string, unknown>;
  scope: string;
  eventName: string;
  severityNumber: number;
  severityText: string;
  body: unknown;
  attributes: Record<string, unknown>;
  traceId: string;
  spanId: string;
  /** The record exactly as the receiver re-encoded it, for "no secret anywhere" checks. */
  raw: string;
}

interface OtlpAnyValue {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
  arrayValue?: { values?: OtlpAnyValue[] };
  kvlistValue?: { values?: OtlpKeyValue[] };
  bytesValue?: string;
}
interface OtlpKeyValue {
  key: string;
  value?: OtlpAnyValue;
}

export function decodeValue(value: OtlpAnyValue | undefined): unknown {
  if (value === undefined) return undefined;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(decodeValue);
  if (value.kvlistValue !== undefined) return decodeAttributes(value.kvlistValue.values);
  if (value.bytesValue !== undefined) return value.bytesValue;
  return undefined;
}

function decodeAttributes(list: OtlpKeyValue[] | undefined): Record<string, unknown> {
  return Object.fromEntries((list ?? []).map((kv) => [kv.key, decodeValue(kv.value)]));
}

/**
 * The records every registered process sends about itself (packages/sdk/src/lifecycle). A sink leaves them out
 * of `records` unless started with `{ lifecycle: true }`, so that a test of other facts counts only those;
 * packages/node/test/lifecycle-facts.test.ts tests them.
 */
const LIFECYCLE_EVENTS = new Set([
  'security.sys_startup',
  'security.sys_shutdown',
  'security.sys_heartbeat',
  'security.sys_monitor_disabled',
]);

/** A real OTLP/HTTP receiver (the collector's pdata codecs) on a random loopback port. */
export class OtlpSink {
  readonly records: ReceivedRecord[] = [];
  /** Lifecycle records received and left out of `records`. */
  lifecycleLeftOut = 0;
  requests = 0;
  private waiters: Array<() => void> = [];

  private constructor(
    private readonly child: OwnedProcess,
    readonly url: string,
    private readonly keepLifecycle: boolean,
  ) {
    child.onLine((line) => this.accept(line));
  }

  static async start(options: { lifecycle?: boolean } = {}): Promise<OtlpSink> {
    const child = startProcess({
      name: 'otlpsink',
      command: OTLP_SINK_BINARY,
      args: ['-listen', '127.0.0.1:0'],
    });
    const [, url] = await child.waitForLine(/^listening (.+)$/, { what: 'its "listening <url>" line' });
    return new OtlpSink(child, url as string, options.lifecycle === true);
  }

  get logsEndpoint(): string {
    return `${this.url}/v1/logs`;
  }

  /** Resolves once `count` records arrived, or rejects after `timeoutMillis` saying how many did. */
  async waitForRecords(count: number, timeoutMillis = 20_000): Promise<ReceivedRecord[]> {
    const deadline = Date.now() + timeoutMillis;
    while (this.records.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} records at the receiver, got ${this.records.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.records;
  }

  async stop(): Promise<void> {
    await this.child.stop();
  }

  private accept(line: string): void {
    const { encoding, request } = JSON.parse(line) as { encoding: 'json' | 'protobuf'; request: OtlpRequest };
    this.requests++;
    for (const resourceLogs of request.resourceLogs ?? []) {
      const resource = decodeAttributes(resourceLogs.resource?.attributes);
      for (const scopeLogs of resourceLogs.scopeLogs ?? []) {
        for (const record of scopeLogs.logRecords ?? []) {
          if (!this.keepLifecycle && LIFECYCLE_EVENTS.has(record.eventName ?? '')) {
            this.lifecycleLeftOut++;
            continue;
          }
          this.records.push({
            encoding,
            resource,
            scope: scopeLogs.scope?.name ?? '',
            eventName: record.eventName ?? '',
            severityNumber: record.severityNumber ?? 0,
            severityText: record.severityText ?? '',
            body: decodeValue(record.body),
            attributes: decodeAttributes(record.attributes),
            traceId: record.traceId ?? '',
            spanId: record.spanId ?? '',
            raw: JSON.stringify(record),
          });
        }
      }
    }
    for (const wake of this.waiters.splice(0)) wake();
  }
}

interface OtlpRequest {
  resourceLogs?: Array<{
    resource?: { attributes?: OtlpKeyValue[] };
    scopeLogs?: Array<{
      scope?: { name?: string };
      logRecords?: Array<{
        eventName?: string;
        severityNumber?: number;
        severityText?: string;
        body?: OtlpAnyValue;
        attributes?: OtlpKeyValue[];
        traceId?: string;
        spanId?: string;
      }>;
    }>;
  }>;
}
