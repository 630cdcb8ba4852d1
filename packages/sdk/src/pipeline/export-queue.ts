import { context } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { SecotelConfig } from '../config/config';
import type { ExportSettled } from './export-accounting';
import { EXPORT_FAILED, suppressInstrumentation } from './export-result';
import type { LossReport } from './loss-report';
import type { RecordProcessor } from './security-logger';

const NOTHING: readonly ReadableLogRecord[] = [];
/** Never fires: the interval only holds the event loop open while a flush is awaited. */
const KEEP_ALIVE_MS = 2 ** 30;

/**
 * One exporter's records, from emit until the exporter answers: queued, then exported in batches, one batch at
 * a time. It does the job of OpenTelemetry's BatchLogRecordProcessor with two differences that matter here:
 * - bounded where the drop is counted and reported (a record over OTEL_BLRP_MAX_QUEUE_SIZE, counting the batch
 *   in flight, is a `queue_full` loss), instead of silently;
 * - its timers are unref'd (the batch processor's export timeout is not, and kept a process whose work had ended
 *   alive for up to OTEL_BLRP_EXPORT_TIMEOUT). What is still unsent when the process ends is taken by the exit
 *   flush (exit-flush.ts), in-flight batch included: sent at least once, never lost silently.
 */
export class ExportQueue implements RecordProcessor {
  private queue: ReadableLogRecord[] = [];
  private inFlight: readonly ReadableLogRecord[] = NOTHING;
  private exporting: Promise<void> | undefined;
  /** Ends the wait for the batch in flight (its late answer is then ignored). */
  private abandon: (() => void) | undefined;
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
    if (this.queue.length + this.inFlight.length >= this.batch.maxQueueSize) {
      this.losses.lost('queue_full', this.name, 1);
      return;
    }
    this.queue.push(record);
    if (this.exporting !== undefined) return;
    // A full batch goes at once, but after the caller's code (as the batch processor does): never inside emit.
    if (this.queue.length < this.batch.maxExportBatchSize) {
      this.timer ??= setTimeout(() => this.exportBatch(), this.batch.scheduledDelayMillis).unref();
    } else if (!this.batchDue) {
      this.batchDue = true;
      queueMicrotask(() => this.exportBatch());
    }
  }

  /** A caller awaiting a flush waits for it: unlike a background export, it keeps the process alive meanwhile. */
  async forceFlush(): Promise<void> {
    const keepAlive = setInterval(() => {}, KEEP_ALIVE_MS);
    try {
      while (this.queue.length > 0 || this.exporting !== undefined) await this.exportBatch();
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

  /** Everything not delivered yet, taken out of the queue (the exit flush sends it; late answers are ignored). */
  takeUnsent(): ReadableLogRecord[] {
    const unsent = [...this.inFlight, ...this.queue];
    this.inFlight = NOTHING;
    this.queue = [];
    this.abandon?.();
    return unsent;
  }

  private exportBatch(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.batchDue = false;
    if (this.exporting !== undefined) return this.exporting;
    if (this.queue.length === 0) return Promise.resolve();
    const size = this.batch.maxExportBatchSize;
    const batch = this.queue.length <= size ? this.queue : this.queue.splice(0, size);
    if (batch === this.queue) this.queue = [];
    this.inFlight = batch;
    this.exporting = new Promise<void>((resolve) => {
      let answered = false;
      const answer = (result: ExportResult): void => {
        if (answered) return;
        answered = true;
        clearTimeout(timeout);
        // Taken by the exit flush meanwhile: it accounts for these records.
        if (this.inFlight === batch) {
          this.inFlight = NOTHING;
          this.settled(batch.length, result);
        }
        resolve();
      };
      this.abandon = () => answer({ code: EXPORT_FAILED, error: new Error('taken by the exit flush') });
      const timeout = setTimeout(
        () => answer({ code: EXPORT_FAILED, error: new Error('export timed out') }),
        this.batch.exportTimeoutMillis,
      ).unref();
      try {
        // The export's own requests must not be seen by instrumentations.
        context.with(suppressInstrumentation(context.active()), () => this.exporter.export(batch, answer));
      } catch (error) {
        answer({ code: EXPORT_FAILED, error: error as Error });
      }
    }).then(() => {
      this.exporting = undefined;
      this.abandon = undefined;
      if (this.queue.length >= this.batch.maxExportBatchSize) void this.exportBatch();
      else if (this.queue.length > 0 && !this.stopped) {
        this.timer ??= setTimeout(() => this.exportBatch(), this.batch.scheduledDelayMillis).unref();
      }
    });
    return this.exporting;
  }
}
