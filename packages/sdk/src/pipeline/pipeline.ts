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
  ConsoleLogRecordExporter,
  LoggerProvider,
  type LogRecordExporter,
  type LogRecordProcessor,
} from '@opentelemetry/sdk-logs';
import type { LogsExporterName, SecotelConfig } from '../config/config';
import type { SelfReport } from '../self-report';
import { directSendNow, type ExitTarget, otlpSendNow } from './exit-flush';
import { exportAccounting } from './export-accounting';
import { ExportQueue } from './export-queue';
import { FanOutProcessor } from './fan-out-processor';
import type { LossReport } from './loss-report';
import { OtlpHttpExporter } from './otlp-http-exporter';
import { type FoldedReporter, RateCapProcessor } from './rate-cap-processor';

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
 * (records arrive redacted, see EventRecorder) rate cap -> per exporter: bounded export queue -> exporter. The provider is private to
 * secotel: it is not installed as the global LoggerProvider, so the application's own logs are left alone.
 */
export function createPipeline(parts: PipelineParts): Pipeline {
  const { config, report, losses } = parts;
  const named = config.exporters.map((name) => ({ name, exporter: createExporter(name, config) }));
  const custom = parts.extraExporters.map((exporter, index) => ({ name: `custom${index}`, exporter }));
  const exitTargets: ExitTarget[] = [];
  const perExporter = [...named, ...custom].map(({ name, exporter }) => {
    const settled = exportAccounting(name, report, losses, parts.delivered);
    const queue = new ExportQueue(name, exporter, config.batch, losses, settled);
    const sendNow = name === 'otlp' ? otlpSendNow(config.otlp) : directSendNow(exporter);
    exitTargets.push({ name, takeUnsent: () => queue.takeUnsent(), sendNow });
    return queue;
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
  return new OtlpHttpExporter(config.otlp);
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
