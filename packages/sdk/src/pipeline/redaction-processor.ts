import type { AnyValue, Context } from '@opentelemetry/api';
import type { LogRecordProcessor, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import type { Redactor } from '../redaction';
import type { SelfReport } from '../self-report';

/**
 * Removes secrets and personal data from every record before it can reach an exporter. A record is writable
 * only during onEmit and attributes cannot be removed, so changed values are overwritten in place.
 */
export class RedactionProcessor implements LogRecordProcessor {
  constructor(
    private readonly next: LogRecordProcessor,
    private readonly redactor: Redactor,
    private readonly report: SelfReport,
  ) {}

  onEmit(record: ReadWriteLogRecord, context?: Context): void {
    try {
      this.redact(record);
    } catch (error) {
      // A record that could not be checked is dropped, never passed on unchecked.
      this.report.problem('redaction_failed', 'a record could not be redacted and was dropped', error);
      return;
    }
    this.next.onEmit(record, context);
  }

  forceFlush(): Promise<void> {
    return this.next.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.next.shutdown();
  }

  private redact(record: ReadWriteLogRecord): void {
    const original = record.attributes;
    const redacted = this.redactor.redactAttributes(original);
    for (const key in redacted) {
      if (redacted[key] !== original[key]) record.setAttribute(key, redacted[key] as AnyValue);
    }
    if (record.body !== undefined) {
      const body = this.redactor.redactValue(record.body);
      if (body !== record.body) record.setBody(body as AnyValue);
    }
  }
}
