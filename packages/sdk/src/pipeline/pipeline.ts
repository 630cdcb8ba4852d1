import type * as OtlpHttpExporter from '@opentelemetry/exporter-logs-otlp-http';
import {
  type DetectedResourceAttributes,
  defaultResource,
  envDetector,
  hostDetector,
  type ResourceDetector,
  resourceFromAttributes,
  serviceInstanceIdDetector,
} from '@opentelemetry/resources';
import {
  BatchLogRecordProcessor,
  ConsoleLogRecordExporter,
  LoggerProvider,
  type LogRecordExporter,
  type LogRecordProcessor,
} from '@opentelemetry/sdk-logs';
import type { LogsExporterName, SecotelConfig } from '../config/config';
import type { SelfReport } from '../self-report';
import { CountingExporter } from './counting-exporter';
import { directSendNow, type ExitTarget, otlpSendNow } from './exit-flush';
import { FanOutProcessor } from './fan-out-processor';
import type { LossReport } from './loss-report';
import { type FoldedReporter, RateCapProcessor } from './rate-cap-processor';
import { QueueGuardProcessor, UnsentRecords } from './unsent-records';

export interface PipelineParts {
  readonly config: SecotelConfig;
  readonly report: SelfReport;
  readonly losses: LossReport;
  readonly reportFolded: FoldedReporter;
  /** Called whenever an exporter delivered: the moment to report its earlier losses to the backend. */
  readonly delivered: (exporter: string) => void;
  readonly extraExporters: readonly LogRecordExporter[];
  /** The SDK's own summaries (events_folded, events_dropped), which the rate cap never folds. */
  readonly summaryEventNames: readonly string[];
  readonly version: string;
}

export interface Pipeline {
  readonly provider: LoggerProvider;
  /** Per exporter, the records not delivered yet and how to send them while the process exits. */
  readonly exitTargets: readonly ExitTarget[];
}

/**
 * (records arrive redacted, see EventRecorder) rate cap -> per exporter: queue bound -> batch processor -> exporter. The provider is private to
 * secotel: it is not installed as the global LoggerProvider, so the application's own logs are left alone.
 */
export function createPipeline(parts: PipelineParts): Pipeline {
  const { config, report, losses } = parts;
  const named = config.exporters.map((name) => ({ name, exporter: createExporter(name, config) }));
  const custom = parts.extraExporters.map((exporter, index) => ({ name: `custom${index}`, exporter }));
  const exitTargets: ExitTarget[] = [];
  const perExporter = [...named, ...custom].map(({ name, exporter }) => {
    const unsent = new UnsentRecords(config.batch.maxQueueSize);
    const sendNow = name === 'otlp' ? otlpSendNow(config.otlp) : directSendNow(exporter);
    exitTargets.push({ name, unsent, sendNow });
    const counted = new CountingExporter(name, exporter, report, losses, unsent, parts.delivered);
    return new QueueGuardProcessor(
      new BatchLogRecordProcessor({ exporter: counted, ...config.batch }),
      unsent,
      name,
      losses,
    );
  });
  const head: LogRecordProcessor = new RateCapProcessor(
    new FanOutProcessor(perExporter),
    { ...config.rateCap, exempt: parts.summaryEventNames },
    parts.reportFolded,
  );
  return {
    provider: new LoggerProvider({ resource: createResource(parts.version), processors: [head] }),
    exitTargets,
  };
}

function createExporter(name: Exclude<LogsExporterName, 'none'>, config: SecotelConfig): LogRecordExporter {
  if (name === 'console') return new ConsoleLogRecordExporter();
  // URL and headers as resolved by the configuration; timeout, compression and TLS from the standard variables.
  // Only the exporter in use is loaded: each costs start-up time.
  const { url, headers, protocol } = config.otlp;
  const { OTLPLogExporter } = (
    protocol === 'http/json'
      ? require('@opentelemetry/exporter-logs-otlp-http')
      : require('@opentelemetry/exporter-logs-otlp-proto')
  ) as typeof OtlpHttpExporter;
  return new OTLPLogExporter({ url, headers });
}

/**
 * Service identity from OTEL_SERVICE_NAME / OTEL_RESOURCE_ATTRIBUTES, plus host and a per-process instance id
 * (the collector chains records per service instance). The process detector is left out on purpose: command
 * lines often carry secrets. Later detectors win, so the environment comes last: a pinned service.instance.id
 * keeps one integrity chain across restarts.
 */
function createResource(version: string) {
  return defaultResource()
    .merge(
      resourceFromAttributes({ 'telemetry.distro.name': 'secotel', 'telemetry.distro.version': version }),
    )
    .merge(resourceFromAttributes(knownNow([hostDetector, serviceInstanceIdDetector, envDetector])));
}

/**
 * The attributes the detectors know at once. Records sent while the process exits cannot wait for the
 * asynchronous ones (host.id), and a resource with pending attributes warns on every read: they are left out.
 */
function knownNow(detectors: readonly ResourceDetector[]): DetectedResourceAttributes {
  const attributes: DetectedResourceAttributes = {};
  for (const detector of detectors) {
    for (const [key, value] of Object.entries(detector.detect().attributes ?? {})) {
      if (!(value instanceof Promise)) attributes[key] = value;
    }
  }
  return attributes;
}
