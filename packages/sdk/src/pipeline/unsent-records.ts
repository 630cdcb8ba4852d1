import type { Context } from '@opentelemetry/api';
import type { LogRecordProcessor, ReadableLogRecord, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import type { LossReport } from './loss-report';

/**
 * The records one exporter has not delivered yet (queued or in flight). Bounding this set is what bounds the
 * queue: a record over the limit is dropped here, where the drop is counted and reported, instead of silently
 * inside the batch processor. At process exit, what is left is sent synchronously (see exit-flush.ts).
 */
export class UnsentRecords {
  private readonly records = new Set<ReadableLogRecord>();

  constructor(private readonly limit: number) {}

  admit(record: ReadableLogRecord): boolean {
    if (this.records.size >= this.limit) return false;
    this.records.add(record);
    return true;
  }

  /** The exporter answered for these records, delivered or not. */
  settle(records: readonly ReadableLogRecord[]): void {
    for (const record of records) this.records.delete(record);
  }

  drain(): ReadableLogRecord[] {
    const left = [...this.records];
    this.records.clear();
    return left;
  }
}

/** Admits each record into an exporter's unsent set before its batch processor queues it. */
export class QueueGuardProcessor implements LogRecordProcessor {
  constructor(
    private readonly next: LogRecordProcessor,
    private readonly unsent: UnsentRecords,
    private readonly exporterName: string,
    private readonly losses: LossReport,
  ) {}

  onEmit(record: ReadWriteLogRecord, context?: Context): void {
    if (this.unsent.admit(record)) {
      this.next.onEmit(record, context);
      return;
    }
    this.losses.lost('queue_full', this.exporterName, 1);
  }

  forceFlush(): Promise<void> {
    return this.next.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.next.shutdown();
  }
}
