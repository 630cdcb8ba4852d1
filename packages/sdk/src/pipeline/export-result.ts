import { type Context, createContextKey } from '@opentelemetry/api';

/** ExportResultCode's values (@opentelemetry/core), without loading that package at start-up. */
export const EXPORT_SUCCEEDED = 0;
export const EXPORT_FAILED = 1;

/** The key OpenTelemetry instrumentations check (core's suppressTracing); context keys are Symbol.for(name). */
const SUPPRESS_TRACING = createContextKey('OpenTelemetry SDK Context Key SUPPRESS_TRACING');

/** A context in which instrumentations record nothing: the export's own requests are not the application's. */
export function suppressInstrumentation(active: Context): Context {
  return active.setValue(SUPPRESS_TRACING, true);
}
