import type { Context } from '@opentelemetry/api';
import type { LogRecordProcessor, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';

/** Hands each record to several processors (one per configured exporter). */
export class FanOutProcessor implements LogRecordProcessor {
  constructor(private readonly targets: readonly LogRecordProcessor[]) {}

  onEmit(record: ReadWriteLogRecord, context?: Context): void {
    for (const target of this.targets) target.onEmit(record, context);
  }

  async forceFlush(): Promise<void> {
    await Promise.all(this.targets.map((target) => target.forceFlush()));
  }

  async shutdown(): Promise<void> {
    await Promise.all(this.targets.map((target) => target.shutdown()));
  }
}
