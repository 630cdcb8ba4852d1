import { crashFacts } from './crash-facts';
import { installCrashMonitor } from './crash-monitor';
import { startHeartbeat } from './heartbeat';
import { createShutdownProof } from './shutdown-proof';

type RecordEvent = (name: LifecycleEvent, attributes: Record<string, string | number | string[]>) => void;
type LifecycleEvent = 'sys_startup' | 'sys_heartbeat' | 'sys_shutdown' | 'sys_crash' | 'sys_monitor_disabled';

/** How the lifecycle's facts are recorded (the SDK's EventRecorder). */
export interface LifecycleRecorder {
  /**
   * Facts whose every value is secotel's own (fixed names, numbers, digests): sys_startup, sys_heartbeat and
   * sys_shutdown. Nothing in them needs redacting.
   */
  readonly own: RecordEvent;
  /** Facts that carry text from outside (an error's message, why an instrumentation failed): redacted. */
  readonly redacted: RecordEvent;
}

/** What sys_startup tells about the process's security logging. */
export interface StartupFacts {
  /** The instrumentations switched on. */
  readonly instrumentations: readonly string[];
  /** The supported libraries installed where the application starts. */
  readonly libraries: readonly string[];
}

/**
 * The process's lifecycle facts: sys_startup, sys_heartbeat, sys_shutdown (with the reason), sys_crash and
 * sys_monitor_disabled. Each ending is recorded once; the exit flush sends it (see pipeline/exit-flush.ts).
 */
export class Lifecycle {
  private readonly proof = createShutdownProof();
  private startupRecorded = false;
  private ended = false;
  /** A signal the application handles itself: the ending it leads to is reported with it. */
  private signal: string | undefined;
  private readonly stopHeartbeat: () => void;
  private readonly removeCrashMonitor: () => void;
  private readonly onExit = (code: number): void => this.end(this.signalled('process_exit'), code);

  constructor(
    private readonly record: LifecycleRecorder,
    private readonly heartbeatSeconds: number,
  ) {
    this.stopHeartbeat = startHeartbeat(heartbeatSeconds, () =>
      this.record.own('sys_heartbeat', this.announcement()),
    );
    this.removeCrashMonitor = installCrashMonitor((error, origin) => {
      if (this.ended) return;
      this.ended = true;
      this.record.redacted('sys_crash', {
        ...crashFacts(error, origin),
        'security.shutdown.proof': this.proof.proof,
      });
    });
    // Before the exit flush's own exit listener, so that the record is among those it sends.
    process.prependListener('exit', this.onExit);
  }

  /** sys_startup, once per process. */
  started(facts: StartupFacts): void {
    if (this.startupRecorded) return;
    this.startupRecorded = true;
    this.record.own('sys_startup', {
      ...this.announcement(),
      'security.instrumentations.enabled': [...facts.instrumentations],
      'security.libraries.found': [...facts.libraries],
    });
  }

  monitorDisabled(monitor: string, reason: string): void {
    this.record.redacted('sys_monitor_disabled', { 'security.monitor': monitor, 'security.reason': reason });
  }

  /** A signal arrived that the application handles: the process may end later, for that reason. */
  signalReceived(signal: string): void {
    this.signal = signal;
  }

  /** The process ends now without an exit event: the event loop ran dry, a signal, the SDK's shutdown. */
  ending(reason: string): void {
    this.end(reason === 'natural_exit' ? this.signalled(reason) : reason, exitCode());
  }

  remove(): void {
    this.stopHeartbeat();
    this.removeCrashMonitor();
    process.removeListener('exit', this.onExit);
  }

  private end(reason: string, code: number): void {
    if (this.ended) return;
    this.ended = true;
    this.record.own('sys_shutdown', {
      'security.reason': reason,
      'process.exit.code': code,
      'security.shutdown.proof': this.proof.proof,
    });
  }

  private signalled(reason: string): string {
    return this.signal === undefined ? reason : `${this.signal} handled by the application, then ${reason}`;
  }

  private announcement(): Record<string, string | number> {
    return {
      'security.heartbeat.interval': this.heartbeatSeconds,
      'security.shutdown.commitment': this.proof.commitment,
    };
  }
}

function exitCode(): number {
  const code = Number(process.exitCode ?? 0);
  return Number.isInteger(code) ? code : 0;
}
