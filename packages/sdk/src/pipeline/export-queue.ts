import { context } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { SecotelConfig } from '../config/config';
import type { ExportSettled } from './export-accounting';
import { EXPORT_FAILED, suppressInstrumentation } from './export-result';
import type { LossReport } from './loss-report';
import type { RecordProcessor } from './security-logger';

/** Batches exported at once at most: enough for encoding to overlap the wait for the collector's answer. */
const MAX_CONCURRENT_EXPORTS = 4;
/** Never fires: the interval only holds the event loop open while a flush is awaited. */
const KEEP_ALIVE_MS = 2 ** 30;

/**
 * One exporter's records, from emit until the exporter answers: queued, then exported in batches, a few at a
 * time. It does the job of OpenTelemetry's BatchLogRecordProcessor with two differences that matter here:
 * - bounded where the drop is counted and reported (a record over OTEL_BLRP_MAX_QUEUE_SIZE, counting the batch
 *   in flight, is a `queue_full` loss), instead of silently;
 * - its timers are unref'd (the batch processor's export timeout is not, and kept a process whose work had ended
 *   alive for up to OTEL_BLRP_EXPORT_TIMEOUT). What is still unsent when the process ends is taken by the exit
 *   flush (exit-flush.ts), batches in flight included: sent at least once, never lost silently. When the work
 *   ends, the exit flush first waits a while for the batches in flight, so that it need not send them a second
 *   time.
 */
export class ExportQueue implements RecordProcessor {
  private queue: ReadableLogRecord[] = [];
  /** The batches being exported, each with the way to stop waiting for it (its late answer is then ignored). */
  private readonly flights = new Map<readonly ReadableLogRecord[], Flight>();
  private inFlightRecords = 0;
  private timer: NodeJS.Timeout | undefined;
  private batchDue = false;
  private stopped = false;

  constructor(
    private readonly name: string,
    private readonly exporter: LogRecordExporter,
    private readonly batch: SecotelConfig['batch'],
    private readonly losses: LossReport,
    private readonly settled: ExportSettled,
  ) {}

  onEmit(record: ReadableLogRecord): void {
    if (this.stopped) return;
    if (this.queue.length + this.inFlightRecords >= this.batch.maxQueueSize) {
      this.losses.lost('queue_full', this.name, 1);
      return;
    }
    this.queue.push(record);
    // A full batch goes at once, but after the caller's code (as the batch processor does): never inside emit.
    if (this.queue.length < this.batch.maxExportBatchSize) {
      this.timer ??= setTimeout(() => this.startExports(true), this.batch.scheduledDelayMillis).unref();
    } else if (!this.batchDue) {
      this.batchDue = true;
      queueMicrotask(() => this.startExports(false));
    }
  }

  /** A caller awaiting a flush waits for it: unlike a background export, it keeps the process alive meanwhile. */
  async forceFlush(): Promise<void> {
    const keepAlive = setInterval(() => {}, KEEP_ALIVE_MS);
    try {
      while (this.queue.length > 0 || this.flights.size > 0) {
        this.startExports(true);
        // A synchronous exporter may have answered already.
        if (this.flights.size > 0) await this.nextAnswer();
      }
      await this.exporter.forceFlush?.();
    } finally {
      clearInterval(keepAlive);
    }
  }

  async shutdown(): Promise<void> {
    await this.forceFlush();
    this.stopped = true;
    await this.exporter.shutdown();
  }

  /** The records not handed to the exporter yet, taken out of the queue (a signal's exit flush sends them). */
  takeQueued(): ReadableLogRecord[] {
    const queued = this.queue;
    this.queue = [];
    return queued;
  }

  /** Resolves once no export is in flight: each answered, failed or timed out, and accounted as usual. */
  async exportsSettled(): Promise<void> {
    while (this.flights.size > 0) await this.nextAnswer();
  }

  /** Everything not delivered yet, taken out of the queue (the exit flush sends it; late answers are ignored). */
  takeUnsent(): ReadableLogRecord[] {
    const unsent = [...[...this.flights.keys()].flat(), ...this.queue];
    const abandoned = [...this.flights.values()];
    this.flights.clear();
    this.inFlightRecords = 0;
    this.queue = [];
    for (const flight of abandoned) flight.abandon();
    return unsent;
  }

  private nextAnswer(): Promise<void> {
    return Promise.race([...this.flights.values()].map((flight) => flight.done));
  }

  /** Exports full batches, and a partial one when `partial`, a few at a time (so that encoding overlaps sending). */
  private startExports(partial: boolean): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.batchDue = false;
    const size = this.batch.maxExportBatchSize;
    while (
      this.flights.size < MAX_CONCURRENT_EXPORTS &&
      (this.queue.length >= size || (partial && this.queue.length > 0))
    ) {
      const batch = this.queue.length <= size ? this.queue : this.queue.splice(0, size);
      if (batch === this.queue) this.queue = [];
      this.exportOne(batch);
    }
  }

  private exportOne(batch: readonly ReadableLogRecord[]): void {
    let timeout: NodeJS.Timeout | undefined;
    let answer: (result: ExportResult) => void = () => {};
    const done = new Promise<void>((resolve) => {
      let answered = false;
      answer = (result) => {
        if (answered) return;
        answered = true;
        clearTimeout(timeout);
        // Taken by the exit flush meanwhile: it accounts for these records.
        if (this.flights.delete(batch)) {
          this.inFlightRecords -= batch.length;
          this.settled(batch.length, result);
        }
        resolve();
      };
    });
    this.flights.set(batch, {
      done,
      abandon: () => answer({ code: EXPORT_FAILED, error: new Error('taken by the exit flush') }),
    });
    this.inFlightRecords += batch.length;
    timeout = setTimeout(
      () => answer({ code: EXPORT_FAILED, error: new Error('export timed out') }),
      this.batch.exportTimeoutMillis,
    ).unref();
    try {
      // A record redacted on read (see RecordFields) is redacted here at the latest, whatever the exporter reads,
      // so that no batch holds a caller's values (maybe slices of larger strings) while it waits for an answer.
      for (const record of batch) void record.attributes;
      // The export's own requests must not be seen by instrumentations.
      context.with(suppressInstrumentation(context.active()), () =>
        this.exporter.export(batch as ReadableLogRecord[], answer),
      );
    } catch (error) {
      answer({ code: EXPORT_FAILED, error: error as Error });
    }
    void done.then(() => this.afterExport());
  }

  private afterExport(): void {
    if (this.stopped || this.queue.length === 0) return;
    if (this.queue.length >= this.batch.maxExportBatchSize) this.startExports(false);
    else this.timer ??= setTimeout(() => this.startExports(true), this.batch.scheduledDelayMillis).unref();
  }
}

interface Flight {
  readonly done: Promise<void>;
  readonly abandon: () => void;
}
