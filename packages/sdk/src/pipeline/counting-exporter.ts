import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { SelfReport } from '../self-report';
import type { LossReport } from './loss-report';
import type { UnsentRecords } from './unsent-records';

/**
 * Counts what an exporter delivered and what it failed to deliver, so that no loss goes unnoticed; a delivery
 * tells `delivered`, which reports earlier losses to the backend now that it answers again.
 */
export class CountingExporter implements LogRecordExporter {
  constructor(
    readonly name: string,
    readonly inner: LogRecordExporter,
    private readonly report: SelfReport,
    private readonly losses: LossReport,
    private readonly unsent: UnsentRecords,
    private readonly delivered: (exporter: string) => void,
  ) {}

  export(records: ReadableLogRecord[], done: (result: ExportResult) => void): void {
    this.inner.export(records, (result) => {
      this.unsent.settle(records);
      if (result.code === ExportResultCode.SUCCESS) {
        this.report.count(`exported_${this.name}`, records.length);
        this.delivered(this.name);
      } else {
        this.report.count(`export_failed_${this.name}`, records.length);
        this.losses.lost('export_failed', this.name, records.length);
        this.report.problem(
          `export_error_${this.name}`,
          `the ${this.name} exporter failed to deliver records`,
          result.error,
        );
      }
      done(result);
    });
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}
