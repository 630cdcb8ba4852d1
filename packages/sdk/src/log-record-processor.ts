import { type AnyValue, type Context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import type { LogRecordProcessor, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import { SECURITY_SCOPE, type SecotelSdk, type StartOptions, startSecotel } from './sdk';

/**
 * secotel's pipeline (rate cap, export to its exporters, the exit flush and loss counts) as a processor of the
 * application's own LoggerProvider, e.g. `new NodeSDK({ logRecordProcessors: [new SecotelLogRecordProcessor()] })`.
 * It starts secotel with the security API recording through the global LoggerProvider, so security records are
 * emitted by the application's provider (with the active span's trace and span id) and reach this processor,
 * which hands them on to secotel's pipeline; they are exported with secotel's resource (the standard OTEL_*
 * variables, as with the register entry). Records of any other scope are left to the provider's other
 * processors. Security records are redacted before they are emitted, so every processor of
 * the provider sees them redacted. When secotel runs already (`@secotel/node/register`), it records through its
 * own provider and this processor has nothing to do.
 */
export class SecotelLogRecordProcessor implements LogRecordProcessor {
  private readonly sdk: SecotelSdk | undefined;

  /** Takes startSecotel's options; throws ConfigError for a malformed configuration. */
  constructor(options: Omit<StartOptions, 'recordThrough'> = {}) {
    this.sdk = startSecotel({ ...options, recordThrough: 'global' });
  }

  onEmit(record: ReadWriteLogRecord, context?: Context): void {
    if (this.sdk === undefined || record.instrumentationScope.name !== SECURITY_SCOPE) return;
    this.sdk.pipelineLogger.emit(
      {
        eventName: record.eventName ?? '',
        hrTime: record.hrTime,
        hrTimeObserved: record.hrTimeObserved,
        severityNumber: record.severityNumber ?? 0,
        severityText: record.severityText ?? '',
        body: record.body ?? '',
        attributes: record.attributes as Record<string, AnyValue>,
      },
      context ??
        (record.spanContext === undefined
          ? ROOT_CONTEXT
          : trace.setSpanContext(ROOT_CONTEXT, record.spanContext)),
    );
  }

  forceFlush(): Promise<void> {
    return this.sdk?.forceFlush() ?? Promise.resolve();
  }

  shutdown(): Promise<void> {
    return this.sdk?.shutdown() ?? Promise.resolve();
  }
}
