// Plain OpenTelemetry logging as the benchmarks compare secotel with it: the logs SDK's BatchLogRecordProcessor,
// with secotel's queue and batch sizes so that both export as often, and the OTLP/protobuf exporter (its endpoint
// from OTEL_EXPORTER_OTLP_ENDPOINT). Loaded only by the variants that use it.
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';

export function plainOtelLogs() {
  return new LoggerProvider({
    processors: [
      new BatchLogRecordProcessor({
        exporter: new OTLPLogExporter(),
        maxQueueSize: 16_384,
        maxExportBatchSize: 1_024,
      }),
    ],
  });
}
