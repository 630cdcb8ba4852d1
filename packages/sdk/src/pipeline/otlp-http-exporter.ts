import type { ExportResult } from '@opentelemetry/core';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { SecotelConfig } from '../config/config';
import { BodyBuffers } from './body-buffers';
import { EXPORT_FAILED, EXPORT_SUCCEEDED } from './export-result';
import { contentTypeOf, encodeLogs } from './otlp-encoding';
import { OtlpPoster, type PostOutcome } from './otlp-poster';

const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 5_000;

/**
 * OTLP/HTTP log export (protobuf or JSON) that never keeps the process alive: its poster thread and timers are
 * unref'd, so an export in flight or waiting to retry when the application's work ends does not hold the
 * process; the exit flush (exit-flush.ts) sends those records again, within its own deadline (after a signal,
 * only those still unanswered after a wait for the answer). The encoder and the poster thread (otlp-poster.ts)
 * are loaded on the first export, not at start-up; request bodies are written into buffers kept from one export
 * to the next (body-buffers.ts).
 */
export class OtlpHttpExporter implements LogRecordExporter {
  private readonly poster: OtlpPoster;
  private readonly bodies = new BodyBuffers();
  private stopped = false;
  /** Requests awaiting an answer, and who waits for there to be none. */
  private outstanding = 0;
  private answeredWaiters: (() => void)[] = [];

  constructor(private readonly otlp: SecotelConfig['otlp']) {
    this.poster = new OtlpPoster({
      url: otlp.url,
      headers: {
        ...otlp.headers,
        'content-type': contentTypeOf(otlp.protocol),
        ...(otlp.compression === 'gzip' ? { 'content-encoding': 'gzip' } : {}),
      },
      tls: otlp.tls,
    });
  }

  export(records: ReadableLogRecord[], done: (result: ExportResult) => void): void {
    if (this.stopped) {
      done({ code: EXPORT_FAILED, error: new Error('exporter shut down') });
      return;
    }
    let body: Uint8Array | undefined;
    try {
      body = this.encode(records);
    } catch (error) {
      done({ code: EXPORT_FAILED, error: error as Error });
      return;
    }
    if (body === undefined) {
      done({ code: EXPORT_FAILED, error: new Error('records could not be encoded') });
      return;
    }
    const sent = body;
    this.sendWithRetries(sent, Date.now() + this.otlp.timeoutMillis, FIRST_BACKOFF_MS, (result) => {
      this.giveBack(sent);
      done(result);
    });
  }

  /**
   * One attempt, no retries, settled by `deadline` (for the send when the process's work ended). Its socket and
   * timer do not hold the event loop: the caller does, as long as it wants the answer.
   */
  sendOnce(records: ReadableLogRecord[], deadline: number): Promise<boolean> {
    return new Promise((resolve) => {
      const body = this.encode(records);
      if (body === undefined) return resolve(false);
      if (Date.now() >= deadline) {
        this.giveBack(body);
        return resolve(false);
      }
      this.post(body, deadline, (outcome) => {
        this.giveBack(body);
        resolve(outcome.ok);
      });
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
    this.poster.stop();
  }

  async forceFlush(): Promise<void> {}

  private encode(records: ReadableLogRecord[]): Uint8Array | undefined {
    const encoded = encodeLogs(records, this.otlp.protocol, this.bodies);
    if (encoded === undefined || this.otlp.compression !== 'gzip') return encoded;
    try {
      return (require('node:zlib') as typeof import('node:zlib')).gzipSync(encoded);
    } finally {
      this.bodies.give(encoded);
    }
  }

  /**
   * A body whose post was answered. Once shut down, the poster thread was stopped without waiting for it to end,
   * so the body is not used again: the thread might still be reading it.
   */
  private giveBack(body: Uint8Array): void {
    if (!this.stopped) this.bodies.give(body);
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
  private post(body: Uint8Array, deadline: number, settle: (outcome: PostOutcome) => void): void {
    this.outstanding++;
    this.poster.post(body, deadline, (outcome) => {
      settle(outcome);
      if (--this.outstanding > 0) return;
      const waiters = this.answeredWaiters;
      this.answeredWaiters = [];
      for (const waiter of waiters) waiter();
    });
  }
}
