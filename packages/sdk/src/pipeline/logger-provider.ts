import { OTLPLogExporter as OtlpJsonExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as OtlpProtobufExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import {
  defaultResource,
  detectResources,
  envDetector,
  hostDetector,
  resourceFromAttributes,
  serviceInstanceIdDetector,
} from '@opentelemetry/resources';
import {
  BatchLogRecordProcessor,
  ConsoleLogRecordExporter,
  type LogRecordExporter,
  type LogRecordProcessor,
  LoggerProvider,
} from '@opentelemetry/sdk-logs';
import type { LogsExporterName, SecotelConfig } from '../config/config';
import type { Redactor } from '../redaction';
import type { SelfReport } from '../self-report';
import { CountingExporter } from './counting-exporter';
import { FanOutProcessor } from './fan-out-processor';
import { type FoldedReporter, RateCapProcessor } from './rate-cap-processor';
import { RedactionProcessor } from './redaction-processor';

export interface PipelineParts {
  readonly config: SecotelConfig;
  readonly redactor: Redactor;
  readonly report: SelfReport;
  readonly reportFolded: FoldedReporter;
  readonly extraExporters: readonly LogRecordExporter[];
  readonly summaryEventName: string;
  readonly version: string;
}

/**
 * rate cap -> redaction -> one batch processor per exporter. The provider is private to secotel: it is not
 * installed as the global LoggerProvider, so the application's own logs are left as they are.
 */
export function createLoggerProvider(parts: PipelineParts): LoggerProvider {
  const { config, redactor, report } = parts;
  const exporters = [
    ...config.exporters.map((name) => new CountingExporter(name, createExporter(name, config), report)),
    ...parts.extraExporters.map((exporter, index) => new CountingExporter(`custom${index}`, exporter, report)),
  ];
  const batches = exporters.map((exporter) => new BatchLogRecordProcessor({ exporter, ...config.batch }));
  const head: LogRecordProcessor = new RateCapProcessor(
    new RedactionProcessor(new FanOutProcessor(batches), redactor, report),
    { ...config.rateCap, exempt: [parts.summaryEventName] },
    parts.reportFolded,
  );
  return new LoggerProvider({ resource: createResource(parts.version), processors: [head] });
}

function createExporter(name: Exclude<LogsExporterName, 'none'>, config: SecotelConfig): LogRecordExporter {
  if (name === 'console') return new ConsoleLogRecordExporter();
  // Endpoint, headers and timeout come from the standard OTEL_EXPORTER_OTLP_* variables, read by the exporter.
  return config.otlpProtocol === 'http/json' ? new OtlpJsonExporter() : new OtlpProtobufExporter();
}

/**
 * Service identity from OTEL_SERVICE_NAME / OTEL_RESOURCE_ATTRIBUTES, plus host and a per-process instance id
 * (the collector chains records per service instance). The process detector is left out on purpose: command
 * lines often carry secrets.
 */
function createResource(version: string) {
  const detected = detectResources({ detectors: [envDetector, hostDetector, serviceInstanceIdDetector] });
  return defaultResource()
    .merge(resourceFromAttributes({ 'telemetry.distro.name': 'secotel', 'telemetry.distro.version': version }))
    .merge(detected);
}
