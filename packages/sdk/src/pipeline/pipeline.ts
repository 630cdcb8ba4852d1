import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import type { LogsExporterName, SecotelConfig } from '../config/config';
import type { SelfReport } from '../self-report';
import { directSendNow, type ExitTarget, otlpSendNow } from './exit-flush';
import { exportAccounting } from './export-accounting';
import { ExportQueue } from './export-queue';
import { FanOutProcessor } from './fan-out-processor';
import type { LossReport } from './loss-report';
import { OtlpHttpExporter } from './otlp-http-exporter';
import { processResource } from './resource';
import type { InstrumentationScope } from './security-log-record';
import { SecurityLogger } from './security-logger';

export interface PipelineParts {
  readonly config: SecotelConfig;
  readonly report: SelfReport;
  readonly losses: LossReport;
  /** Called whenever an exporter delivered: the moment to report its earlier losses to the backend. */
  readonly delivered: (exporter: string) => void;
  readonly extraExporters: readonly LogRecordExporter[];
  /** The instrumentation scope of every record (the SDK's name and version). */
  readonly scope: InstrumentationScope;
}

export interface Pipeline {
  readonly logger: SecurityLogger;
  /** Per exporter, the records not delivered yet and how to send them while the process exits. */
  readonly exitTargets: readonly ExitTarget[];
}

/**
 * (records arrive rate-capped and redacted, see EventRecorder) per exporter: bounded export queue -> exporter. The
 * logger is private to secotel: no global LoggerProvider is installed, so the application's own logs are left
 * alone.
 */
export function createPipeline(parts: PipelineParts): Pipeline {
  const { config, report, losses } = parts;
  const named = config.exporters.map((name) => ({ name, exporter: createExporter(name, config) }));
  const custom = parts.extraExporters.map((exporter, index) => ({ name: `custom${index}`, exporter }));
  const exitTargets: ExitTarget[] = [];
  const perExporter = [...named, ...custom].map(({ name, exporter }) => {
    const settled = exportAccounting(name, report, losses, parts.delivered);
    const queue = new ExportQueue(name, exporter, config.batch, losses, settled);
    const fromQueue = {
      name,
      takeUnsent: () => queue.takeUnsent(),
      takeQueued: () => queue.takeQueued(),
      exportsSettled: () => queue.exportsSettled(),
    };
    if (exporter instanceof OtlpHttpExporter) {
      exitTargets.push({
        ...fromQueue,
        // A batch waiting to retry was refused: it is sent again at exit without being waited for.
        exportsSettled: () => Promise.race([queue.exportsSettled(), exporter.requestsAnswered()]),
        sendNow: otlpSendNow(config.otlp),
        sendSoon: exporter.sendOnce.bind(exporter),
      });
    } else {
      exitTargets.push({ ...fromQueue, sendNow: directSendNow(exporter) });
    }
    return queue;
  });
  const resource = processResource({
    version: parts.scope.version,
    attributes: config.resource.attributes,
    serviceName: config.resource.serviceName,
  });
  return { logger: new SecurityLogger(new FanOutProcessor(perExporter), resource, parts.scope), exitTargets };
}

function createExporter(name: Exclude<LogsExporterName, 'none'>, config: SecotelConfig): LogRecordExporter {
  if (name === 'otlp') return new OtlpHttpExporter(config.otlp);
  // Loaded only when asked for: the logs SDK costs start-up time.
  const { ConsoleLogRecordExporter } =
    require('@opentelemetry/sdk-logs') as typeof import('@opentelemetry/sdk-logs');
  return new ConsoleLogRecordExporter();
}
