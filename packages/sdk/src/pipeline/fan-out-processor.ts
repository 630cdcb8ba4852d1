import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { RecordProcessor } from './security-logger';

/** Hands each record to several processors (one per configured exporter). */
export class FanOutProcessor implements RecordProcessor {
  constructor(private readonly targets: readonly RecordProcessor[]) {}

  onEmit(record: ReadableLogRecord): void {
    for (const target of this.targets) target.onEmit(record);
  }

  async forceFlush(): Promise<void> {
    await Promise.all(this.targets.map((target) => target.forceFlush()));
  }

  async shutdown(): Promise<void> {
    await Promise.all(this.targets.map((target) => target.shutdown()));
  }
}
