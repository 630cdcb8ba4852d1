import type { Agent, ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import type { ExportResult } from '@opentelemetry/core';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { SecotelConfig } from '../config/config';
import { EXPORT_FAILED, EXPORT_SUCCEEDED } from './export-result';
import { contentTypeOf, encodeLogs } from './otlp-encoding';

/** OTLP/HTTP: these answers mean "try again later" (https://opentelemetry.io/docs/specs/otlp/#failures-1). */
const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 5_000;

type Outcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly retryable: boolean; readonly retryInMs?: number; readonly error: Error };

/**
 * OTLP/HTTP log export (protobuf or JSON) that never keeps the process alive: its sockets and timers are
 * unref'd, so an export in flight or waiting to retry when the application's work ends does not hold the
 * process; the exit flush (exit-flush.ts) sends those records again, within its own deadline (after a signal,
 * only those still unanswered after a wait for the answer). The encoder and the HTTP client are loaded on the
 * first export, not at start-up.
 */
export class OtlpHttpExporter implements LogRecordExporter {
  private agent: Agent | undefined;
  private stopped = false;
  /** Requests awaiting an answer, and who waits for there to be none. */
  private outstanding = 0;
  private answeredWaiters: (() => void)[] = [];

  constructor(private readonly otlp: SecotelConfig['otlp']) {}

  export(records: ReadableLogRecord[], done: (result: ExportResult) => void): void {
    let body: Uint8Array | undefined;
    try {
      body = this.encode(records);
    } catch (error) {
      done({ code: EXPORT_FAILED, error: error as Error });
      return;
    }
    if (body === undefined || this.stopped) {
      done({
        code: EXPORT_FAILED,
        error: new Error(this.stopped ? 'exporter shut down' : 'records could not be encoded'),
      });
      return;
    }
    this.sendWithRetries(body, Date.now() + this.otlp.timeoutMillis, FIRST_BACKOFF_MS, done);
  }

  /**
   * One attempt, no retries, settled by `deadline` (for the send when the process's work ended). Its socket and
   * timer do not hold the event loop: the caller does, as long as it wants the answer.
   */
  sendOnce(records: ReadableLogRecord[], deadline: number): Promise<boolean> {
    return new Promise((resolve) => {
      const body = this.encode(records);
      if (body === undefined || Date.now() >= deadline) resolve(false);
      else this.post(body, deadline, (outcome) => resolve(outcome.ok));
    });
  }

  /**
   * Resolves once no request awaits an answer. An export waiting to retry is not waited for: the receiver
   * refused it, so the exit flush may send it again without duplicating anything.
   */
  requestsAnswered(): Promise<void> {
    if (this.outstanding === 0) return Promise.resolve();
    return new Promise((resolve) => this.answeredWaiters.push(resolve));
  }

  async shutdown(): Promise<void> {
    this.stopped = true;
    this.agent?.destroy();
  }

  async forceFlush(): Promise<void> {}

  private encode(records: ReadableLogRecord[]): Uint8Array | undefined {
    const encoded = encodeLogs(records, this.otlp.protocol);
    if (encoded === undefined || this.otlp.compression !== 'gzip') return encoded;
    return (require('node:zlib') as typeof import('node:zlib')).gzipSync(encoded);
  }

  private sendWithRetries(
    body: Uint8Array,
    deadline: number,
    backoff: number,
    done: (result: ExportResult) => void,
  ): void {
    this.post(body, deadline, (outcome) => {
      if (outcome.ok) {
        done({ code: EXPORT_SUCCEEDED });
        return;
      }
      // +/-20% jitter, so that many processes refused at once do not come back at once.
      const wait = outcome.retryInMs ?? backoff * (0.8 + Math.random() * 0.4);
      if (!outcome.retryable || this.stopped || Date.now() + wait >= deadline) {
        done({ code: EXPORT_FAILED, error: outcome.error });
        return;
      }
      setTimeout(
        () => this.sendWithRetries(body, deadline, Math.min(backoff * 1.5, MAX_BACKOFF_MS), done),
        wait,
      ).unref();
    });
  }

  /** One POST, abandoned at `deadline`; `settle` is called exactly once. */
  private post(body: Uint8Array, deadline: number, settle: (outcome: Outcome) => void): void {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    this.outstanding++;
    const finish = (outcome: Outcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      settle(outcome);
      if (--this.outstanding > 0) return;
      const waiters = this.answeredWaiters;
      this.answeredWaiters = [];
      for (const waiter of waiters) waiter();
    };
    const url = new URL(this.otlp.url);
    const https = url.protocol === 'https:';
    const options: RequestOptions = {
      method: 'POST',
      agent: this.agentFor(https),
      headers: {
        ...this.otlp.headers,
        'content-type': contentTypeOf(this.otlp.protocol),
        'content-length': body.byteLength,
        ...(this.otlp.compression === 'gzip' ? { 'content-encoding': 'gzip' } : {}),
      },
    };
    const client = (https ? require('node:https') : require('node:http')) as typeof import('node:http');
    let request: ClientRequest;
    try {
      request = client.request(url, options, (response: IncomingMessage) => {
        response.resume();
        response.on('end', () => finish(outcomeOf(response)));
        response.on('error', (error) => finish({ ok: false, retryable: true, error }));
      });
    } catch (error) {
      finish({ ok: false, retryable: false, error: error as Error });
      return;
    }
    timer = setTimeout(
      () => {
        request.destroy();
        finish({ ok: false, retryable: false, error: new Error('OTLP export timed out') });
      },
      Math.max(1, deadline - Date.now()),
    ).unref();
    // A socket reused from the keep-alive pool is ref'd again for each request.
    request.on('socket', (socket) => socket.unref());
    request.on('error', (error) => finish({ ok: false, retryable: true, error }));
    request.end(body);
  }

  private agentFor(https: boolean): Agent {
    if (this.agent === undefined) {
      const { Agent: AgentClass } = (
        https ? require('node:https') : require('node:http')
      ) as typeof import('node:http');
      this.agent = new AgentClass({ keepAlive: true, maxSockets: 4, ...(https ? this.otlp.tls : {}) });
    }
    return this.agent;
  }
}

function outcomeOf(response: IncomingMessage): Outcome {
  const status = response.statusCode ?? 0;
  if (status >= 200 && status < 300) return { ok: true };
  const error = new Error(`OTLP export answered HTTP ${status}`);
  // Any other refusal (400, 401, 413...) would only be repeated.
  if (!RETRYABLE_STATUS.has(status)) return { ok: false, retryable: false, error };
  return { ok: false, retryable: true, retryInMs: retryAfterMs(response.headers['retry-after']), error };
}

/** Retry-After in seconds or as an HTTP date; undefined (use the backoff) when absent or unreadable. */
function retryAfterMs(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1_000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
