import { writeSync } from 'node:fs';
import { DiagLogLevel, diag, logs } from '@opentelemetry/api';
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import { EVENT_EVENTS_DROPPED, EVENT_EVENTS_FOLDED } from '@secotel/semconv/events';
import { sdkState } from './api';
import { type DiagLevelName, readConfig, type SecotelConfig } from './config/config';
import { ConfigError, type Env } from './config/env-reader';
import { EventRecorder } from './event-recorder';
import { IdentityPolicy } from './identity';
import { KeyedHasher } from './keyed-hash';
import { Lifecycle, type StartupFacts } from './lifecycle/lifecycle';
import { installExitFlush } from './pipeline/exit-flush';
import { LossReport } from './pipeline/loss-report';
import { createPipeline } from './pipeline/pipeline';
import { RateCap } from './pipeline/rate-cap';
import type { SecurityLogFields } from './pipeline/security-log-record';
import type { SecurityLogger } from './pipeline/security-logger';
import type { Redactor } from './redaction';
import { loadRedaction } from './redaction-loader';
import { installShutdownHooks, NATURAL_EXIT } from './shutdown-hooks';
import { StderrDiagLogger } from './stderr-diag-logger';
import { threadKind } from './thread-kind';

export interface StartOptions {
  readonly env?: Env;
  /** Short names of the instrumentations that exist (validated against SECOTEL_INSTRUMENTATIONS). */
  readonly knownInstrumentations?: readonly string[];
  /** Exporters to add to those named by OTEL_LOGS_EXPORTER (each gets its own batch processor). */
  readonly exporters?: readonly LogRecordExporter[];
  /**
   * Which LoggerProvider the security API records through: secotel's own (the default), or the global one, for an
   * application whose own LoggerProvider runs secotel's pipeline (see SecotelLogRecordProcessor).
   */
  readonly recordThrough?: 'secotel' | 'global';
}

export interface SecotelSdk {
  readonly config: SecotelConfig;
  /** Exports everything queued so far. */
  forceFlush(): Promise<void>;
  /** Flushes, stops the pipeline and the shutdown hooks; the security API goes back to counting and dropping. */
  shutdown(): Promise<void>;
  /** secotel's own counters: records exported, folded, dropped, internal errors. */
  stats(): Record<string, number>;
  /** Records sys_startup (once per process) with what the security logging covers. */
  recordStartup(facts: StartupFacts): void;
  /** Records sys_monitor_disabled for an instrumentation switched off or unable to attach. */
  recordMonitorDisabled(instrumentation: string, reason: string): void;
  /** The head of secotel's pipeline (rate cap, then export), for records that reach it another way. */
  readonly pipelineLogger: SecurityLogger;
}

const SDK_KEY = Symbol.for('secotel.sdk.instance');
/** The instrumentation scope of every security record. */
export const SECURITY_SCOPE = '@secotel/sdk';
const VERSION: string = require('../package.json').version;

const DIAG_LEVELS: Record<DiagLevelName, DiagLogLevel> = {
  none: DiagLogLevel.NONE,
  error: DiagLogLevel.ERROR,
  warn: DiagLogLevel.WARN,
  info: DiagLogLevel.INFO,
  debug: DiagLogLevel.DEBUG,
  verbose: DiagLogLevel.VERBOSE,
  all: DiagLogLevel.ALL,
};

/**
 * Starts secotel once per process (a second call returns the running instance). Returns undefined when
 * OTEL_SDK_DISABLED=true. Throws ConfigError, naming every malformed variable, when the configuration is invalid.
 */
export function startSecotel(options: StartOptions = {}): SecotelSdk | undefined {
  const holder = globalThis as { [SDK_KEY]?: SecotelSdk };
  if (holder[SDK_KEY] !== undefined) return holder[SDK_KEY];
  const config = readConfig(options.env ?? process.env, {
    knownInstrumentations: options.knownInstrumentations,
  });
  if (config.disabled) return undefined;
  diag.setLogger(new StderrDiagLogger(), {
    logLevel: DIAG_LEVELS[config.logLevel],
    suppressOverrideMessage: true,
  });

  const state = sdkState();
  const report = state.report;
  const redactor = redactorFor(config);
  const losses = new LossReport(report, (line) => {
    if (config.logLevel !== 'none') writeStderr(line);
  });
  const { logger, exitTargets } = createPipeline({
    config,
    report,
    losses,
    // Called by an exporter after start-up, once the recorder below exists.
    delivered: (name) => {
      for (const { reason, exporter, count } of losses.takePending(name)) {
        recorder.record(
          'events_dropped',
          {
            'security.dropped.count': count,
            'security.dropped.reason': reason,
            'security.dropped.exporter': exporter,
          },
          undefined,
        );
      }
    },
    extraExporters: options.exporters ?? [],
    scope: { name: SECURITY_SCOPE, version: VERSION },
  });
  // The SDK's own summaries are never folded.
  const rateCap = new RateCap(
    { ...config.rateCap, exempt: [EVENT_EVENTS_FOLDED, EVENT_EVENTS_DROPPED] },
    (eventName, count, windowSeconds) => {
      report.count('folded', count);
      // Called after start-up, once the recorder below exists.
      recorder.record(
        'events_folded',
        {
          'security.folded.event_name': eventName,
          'security.folded.count': count,
          'security.folded.window': windowSeconds,
        },
        undefined,
      );
    },
  );
  const hasher = new KeyedHasher(config.hashKey);
  const recorder = new EventRecorder(
    options.recordThrough === 'global' ? globalLogger() : logger,
    new IdentityPolicy(config.userTracking, hasher),
    redactor,
    rateCap,
    report,
    config.production,
  );
  state.recorder = recorder;

  const flush = () => {
    rateCap.summarize();
    return logger.forceFlush();
  };
  const exitFlush = installExitFlush(exitTargets, report, losses, config.exitTimeoutMillis);
  // The process's facts come from its main thread: Node also runs --require preloads in the module loader's
  // thread and in worker threads, whose SDK must not announce (or end) the process a second time.
  const lifecycle =
    threadKind() === 'main'
      ? new Lifecycle(
          {
            own: (name, attributes) => recorder.recordOwn(name, attributes),
            redacted: (name, attributes) => recorder.record(name, attributes, undefined),
          },
          config.heartbeatSeconds,
        )
      : undefined;
  const removeShutdownHooks = installShutdownHooks({
    endingNaturally: () => {
      lifecycle?.ending(NATURAL_EXIT);
      void exitFlush.drain();
    },
    endingBySignal: (signal) => {
      lifecycle?.ending(signal);
      return exitFlush.drain();
    },
    hurry: exitFlush.hurry,
    signalReceived: (signal) => lifecycle?.signalReceived(signal),
  });
  const sdk: SecotelSdk = {
    config,
    forceFlush: flush,
    async shutdown() {
      lifecycle?.ending('sdk_shutdown');
      lifecycle?.remove();
      removeShutdownHooks();
      exitFlush.remove();
      if (state.recorder === recorder) state.recorder = undefined;
      if (holder[SDK_KEY] === sdk) delete holder[SDK_KEY];
      rateCap.summarize();
      await logger.shutdown();
    },
    stats: () => report.snapshot(),
    recordStartup: (facts) => lifecycle?.started(facts),
    recordMonitorDisabled: (instrumentation, reason) => lifecycle?.monitorDisabled(instrumentation, reason),
    pipelineLogger: logger,
  };
  holder[SDK_KEY] = sdk;
  return sdk;
}

/**
 * The global LoggerProvider's logger, handed each record's fields as a plain object: OpenTelemetry's Logger
 * copies a record with an object spread, which does not see the getters of fields redacted on read.
 */
function globalLogger(): { emit(fields: SecurityLogFields): void } {
  const logger = logs.getLogger(SECURITY_SCOPE, VERSION);
  return {
    emit: (fields) =>
      logger.emit({
        eventName: fields.eventName,
        timestamp: fields.hrTime,
        severityNumber: fields.severityNumber,
        severityText: fields.severityText,
        body: fields.body,
        attributes: fields.attributes,
      }),
  };
}

/** Synchronous, so that a line written while the process exits is not lost; a full pipe loses only the line. */
function writeStderr(line: string): void {
  try {
    writeSync(2, `${line}\n`);
  } catch {
    // stderr is closed or full: the count is still in stats().
  }
}

/**
 * The redactor, built on first use (compiling its rules costs start-up time): a process whose only records are
 * its own lifecycle facts never builds it. Options the user set are checked at start, so a malformed one fails
 * start-up; the redactor's option errors name the environment variables the options came from.
 */
function redactorFor(config: SecotelConfig): () => Redactor {
  const create = (): Redactor => {
    const { RedactionConfigError, Redactor } = loadRedaction();
    try {
      return new Redactor({
        hashKey: config.hashKey,
        extraKeys: config.redaction.extraKeys,
        allowKeys: config.redaction.allowKeys,
        extraValuePatterns: config.redaction.extraValuePatterns,
        pseudonymize: config.redaction.pseudonymize,
        maxStringLength: config.redaction.maxValueLength,
      });
    } catch (error) {
      if (error instanceof RedactionConfigError) throw new ConfigError([error.message]);
      throw error;
    }
  };
  const { extraKeys, allowKeys, extraValuePatterns, pseudonymize } = config.redaction;
  const optionsSet = [extraKeys, allowKeys, extraValuePatterns, pseudonymize].some(
    (option) => option.length > 0,
  );
  let redactor = optionsSet ? create() : undefined;
  return () => {
    redactor ??= create();
    return redactor;
  };
}
