import { resolve } from 'node:path';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { SecotelConfig } from '../config/config';
import type { SelfReport } from '../self-report';
import { EXPORT_SUCCEEDED } from './export-result';
import type { LossReport } from './loss-report';
import { contentTypeOf, encodeLogs } from './otlp-encoding';

/** How one exporter's leftover records leave the process while it exits (only synchronous code runs then). */
export interface ExitTarget {
  readonly name: string;
  /** Takes the records not delivered yet (queued or in flight) out of the exporter's queue. */
  takeUnsent(): ReadableLogRecord[];
  /** Takes only the records not handed to the exporter yet. */
  takeQueued(): ReadableLogRecord[];
  /**
   * Resolves once none of the exporter's requests awaits an answer (an export waiting to retry is not waited
   * for: the receiver refused it, so sending it again at exit duplicates nothing).
   */
  exportsSettled(): Promise<void>;
  /** Sends before `deadline` (epoch milliseconds) or gives up; true when the receiver accepted the records. */
  sendNow(records: ReadableLogRecord[], deadline: number): boolean;
  /** The same without blocking, for exporters that can (one attempt, settled by `deadline`). */
  sendSoon?(records: ReadableLogRecord[], deadline: number): Promise<boolean>;
}

const SENDER = resolve(__dirname, 'exit-sender.js');

/**
 * OTLP export is asynchronous, so at exit the request is made by a short-lived child process that the exiting
 * process waits for (spawnSync). Records whose export was still unanswered are sent again: at least once, never
 * lost.
 */
export function otlpSendNow(otlp: SecotelConfig['otlp']): ExitTarget['sendNow'] {
  return (records, deadline) => {
    const body = encodeLogs(records, otlp.protocol);
    if (body === undefined) return false;
    const timeout = deadline - Date.now();
    if (timeout <= 0) return false;
    const headers = { ...otlp.headers, 'content-type': contentTypeOf(otlp.protocol) };
    // Loaded only when needed: most processes never exit with records left.
    const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
    const result = spawnSync(process.execPath, [SENDER], {
      input: body,
      // A clean environment: the parent's NODE_OPTIONS could load secotel (and this flush) again.
      env: { SECOTEL_EXIT_TARGET: JSON.stringify({ url: otlp.url, headers, deadline }) },
      stdio: ['pipe', 'ignore', 'ignore'],
      // The sender aborts its request at the deadline; this bounds a sender that cannot even start.
      timeout,
      killSignal: 'SIGKILL',
    });
    return result.status === 0;
  };
}

/** Synchronous exporters (the console, in-memory ones) can simply be called. */
export function directSendNow(exporter: LogRecordExporter): ExitTarget['sendNow'] {
  return (records) => {
    let delivered = false;
    exporter.export(records, (result) => {
      delivered = result.code === EXPORT_SUCCEEDED;
    });
    return delivered;
  };
}

export interface ExitFlush {
  /** Sends what is left synchronously (exit event); the API other shutdown paths call. */
  readonly sendNow: () => void;
  /**
   * For when the process's work ended (the event loop ran dry, or a signal ends it): sends what is queued and
   * waits for the exports in flight to be answered, holding the loop; then sends what is still unanswered
   * synchronously. Resolves when the process may end; a call while one is running gets the same promise.
   */
  readonly drain: () => Promise<void>;
  /** Ends drain's wait at once (another signal arrived): what is left goes synchronously. */
  readonly hurry: () => void;
  readonly remove: () => void;
}

/**
 * The share of the exit budget spent waiting for the exports in flight; the rest is left for sending what is
 * still unanswered then, synchronously (which starts a process).
 */
const WAIT_SHARE = 0.5;

/**
 * Sends what is left within one deadline for all exporters (`timeoutMillis` from the call, whatever the
 * collector does): synchronously on process exit (process.exit(), an uncaught exception); through `drain` when
 * the work ended (beforeExit, or a signal, which emits no exit event): the exports in flight then usually get
 * their answer, instead of being sent a second time (the collector would count them twice). Every record that
 * could not be sent is counted and told on stderr, in one line per exporter once the flush is done; records
 * still being sent asynchronously when the process exits are sent again synchronously.
 */
export function installExitFlush(
  targets: readonly ExitTarget[],
  report: SelfReport,
  losses: LossReport,
  timeoutMillis: number,
): ExitFlush {
  /** Records taken by an asynchronous send, per target, until their send settles. */
  const inTransit = new Map<ExitTarget, ReadableLogRecord[]>();
  const settle = (target: ExitTarget, records: readonly ReadableLogRecord[], sent: boolean): void => {
    if (sent) report.count(`exit_flushed_${target.name}`, records.length);
    else losses.lost('exit_flush_failed', target.name, records.length);
  };
  const take = (target: ExitTarget, fromQueue: () => ReadableLogRecord[]): ReadableLogRecord[] => {
    const records = [...(inTransit.get(target) ?? []), ...fromQueue()];
    inTransit.delete(target);
    return records;
  };

  const sendSynchronously = (target: ExitTarget, records: ReadableLogRecord[], deadline: number): void =>
    settle(
      target,
      records,
      safely(() => target.sendNow(records, deadline)),
    );

  const sendBy = (deadline: number): void => {
    for (const target of targets) {
      const records = take(target, () => target.takeUnsent());
      if (records.length > 0) sendSynchronously(target, records, deadline);
    }
    losses.writeLines();
  };
  const sendNow = (): void => sendBy(Date.now() + timeoutMillis);

  /** Sends each target's queued records in one attempt by `deadline`, without blocking where it can. */
  const sendQueued = (deadline: number): Promise<void>[] => {
    const sends: Promise<void>[] = [];
    for (const target of targets) {
      const records = take(target, () => target.takeQueued());
      if (records.length === 0) continue;
      if (target.sendSoon === undefined) {
        sendSynchronously(target, records, deadline);
        continue;
      }
      inTransit.set(target, records);
      const sending = target.sendSoon(records, deadline).catch(() => false);
      sends.push(
        sending.then((sent) => {
          // Taken meanwhile by a synchronous send (the process is exiting), which accounted for them.
          if (inTransit.get(target) !== records) return;
          inTransit.delete(target);
          settle(target, records, sent);
        }),
      );
    }
    return sends;
  };

  let draining: Promise<void> | undefined;
  let endWait: (() => void) | undefined;
  const drain = (): Promise<void> => {
    draining ??= new Promise<void>((resolve) => {
      const deadline = Date.now() + timeoutMillis;
      const sends = sendQueued(deadline);
      const settled = Promise.all([...sends, ...targets.map((target) => target.exportsSettled())]);
      const end = (): void => {
        if (endWait !== end) return;
        endWait = undefined;
        clearTimeout(wait);
        sendBy(deadline);
        draining = undefined;
        resolve();
      };
      // Not unref'd: it holds the event loop open, which the exporters' own sockets and timers do not.
      const wait = setTimeout(end, timeoutMillis * WAIT_SHARE);
      endWait = end;
      void settled.then(end);
    });
    return draining;
  };

  process.on('exit', sendNow);
  return {
    sendNow,
    drain,
    hurry: () => endWait?.(),
    remove: () => process.removeListener('exit', sendNow),
  };
}

function safely(send: () => boolean): boolean {
  try {
    return send();
  } catch {
    return false;
  }
}
