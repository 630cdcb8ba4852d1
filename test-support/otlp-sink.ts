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

/** One span as it arrived at the receiver. */
export interface ReceivedSpan {
  scope: string;
  name: string;
  /** OTLP's SpanKind number: 2 is a server span. */
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  attributes: Record<string, unknown>;
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

/** A real OTLP/HTTP logs and traces receiver (the collector's pdata codecs) on a random loopback port. */
export class OtlpSink {
  readonly records: ReceivedRecord[] = [];
  readonly spans: ReceivedSpan[] = [];
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

  get tracesEndpoint(): string {
    return `${this.url}/v1/traces`;
  }

  /** Resolves once `count` records arrived, or rejects after `timeoutMillis` saying how many did. */
  async waitForRecords(count: number, timeoutMillis = 20_000): Promise<ReceivedRecord[]> {
    await this.waitUntil(
      () => this.records.length >= count,
      () => `expected ${count} records at the receiver, got ${this.records.length}`,
      timeoutMillis,
    );
    return this.records;
  }

  /** Resolves once `condition` holds after a request arrived, or rejects after `timeoutMillis` with `failure()`. */
  async waitUntil(condition: () => boolean, failure: () => string, timeoutMillis = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMillis;
    while (!condition()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(failure());
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async stop(): Promise<void> {
    await this.child.stop();
  }

  private accept(line: string): void {
    const { signal, encoding, request } = JSON.parse(line) as {
      signal: 'logs' | 'traces';
      encoding: 'json' | 'protobuf';
      request: OtlpRequest;
    };
    this.requests++;
    if (signal === 'traces') this.acceptSpans(request);
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

  private acceptSpans(request: OtlpRequest): void {
    for (const resourceSpans of request.resourceSpans ?? []) {
      for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
        for (const span of scopeSpans.spans ?? []) {
          this.spans.push({
            scope: scopeSpans.scope?.name ?? '',
            name: span.name ?? '',
            kind: span.kind ?? 0,
            traceId: span.traceId ?? '',
            spanId: span.spanId ?? '',
            parentSpanId: span.parentSpanId ?? '',
            attributes: decodeAttributes(span.attributes),
          });
        }
      }
    }
  }
}

interface OtlpRequest {
  resourceSpans?: Array<{
    scopeSpans?: Array<{
      scope?: { name?: string };
      spans?: Array<{
        name?: string;
        kind?: number;
        traceId?: string;
        spanId?: string;
        parentSpanId?: string;
        attributes?: OtlpKeyValue[];
      }>;
    }>;
  }>;
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
