import { type Context, context, isSpanContextValid, trace } from '@opentelemetry/api';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { ProcessResource } from './resource';
import { type InstrumentationScope, type SecurityLogFields, SecurityLogRecord } from './security-log-record';

/** A step of the record pipeline (the shape of OpenTelemetry's LogRecordProcessor, for records only read). */
export interface RecordProcessor {
  onEmit(record: ReadableLogRecord): void;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * secotel's private logger: turns each security fact into one record, stamped with the active span's trace
 * context, and hands it to the pipeline. It stands in for OpenTelemetry's LoggerProvider, which is not installed
 * globally (the application's own logs are left alone) and is not loaded at all: it and its dependencies cost
 * start-up time, and its per-attribute checks and copies cost time on every record, for nothing here.
 */
export class SecurityLogger {
  constructor(
    private readonly head: RecordProcessor,
    private readonly resource: ProcessResource,
    private readonly scope: InstrumentationScope,
  ) {}

  /** `active`: the context whose span the record belongs to (the current one when absent). */
  emit(fields: SecurityLogFields, active: Context = context.active()): void {
    const span = trace.getSpanContext(active);
    const spanContext = span !== undefined && isSpanContextValid(span) ? span : undefined;
    this.head.onEmit(new SecurityLogRecord(fields, spanContext, this.resource, this.scope));
  }

  forceFlush(): Promise<void> {
    return this.head.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.head.shutdown();
  }
}
