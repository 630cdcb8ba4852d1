import type { SelfReport } from '../self-report';

/** Why records were lost. Exit losses can only be told on stderr: the process is ending. */
export type LossReason = 'queue_full' | 'export_failed' | 'exit_flush_failed';

export interface Loss {
  readonly reason: LossReason;
  readonly exporter: string;
  readonly count: number;
}

/** At most one stderr line per this many milliseconds; counts in between add up into the next line. */
const LINE_INTERVAL_MS = 10_000;

/**
 * Makes every lost record visible where people look: counted (stats), told on stderr with the number (at most
 * one line per 10 s, the rest added up into the next), and kept pending until an export succeeds again, when
 * the SDK sends them to the backend as security.events_dropped records.
 */
export class LossReport {
  /** Per reason and exporter: lost but not yet reported to the backend, and not yet written on stderr. */
  private readonly pending = new Map<string, Loss>();
  private readonly unwritten = new Map<string, Loss>();
  private readonly totals = new Map<string, number>();
  private lastLine = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly report: SelfReport,
    /** Writes one line on stderr, synchronously (it is also called while the process exits). */
    private readonly writeLine: (line: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  lost(reason: LossReason, exporter: string, count: number): void {
    if (count <= 0) return;
    this.report.count(`lost_${reason}_${exporter}`, count);
    const key = keyOf(reason, exporter);
    this.totals.set(key, (this.totals.get(key) ?? 0) + count);
    add(this.unwritten, key, reason, exporter, count);
    // The exit flush writes its losses when it is done: one line for all it could not send.
    if (reason === 'exit_flush_failed') return;
    add(this.pending, key, reason, exporter, count);
    if (this.now() - this.lastLine >= LINE_INTERVAL_MS) this.writeLines();
    else this.timer ??= setTimeout(() => this.writeLines(), LINE_INTERVAL_MS).unref();
  }

  /**
   * The losses of `exporter` not yet reported to the backend, now taken for a report: it just delivered, so it
   * has recovered (another exporter's success says nothing about this one, and would only feed a loop).
   */
  takePending(exporter: string): Loss[] {
    const losses = [...this.pending.values()].filter((loss) => loss.exporter === exporter);
    for (const { reason } of losses) this.pending.delete(keyOf(reason, exporter));
    return losses;
  }

  /** Writes what is still unwritten at once (at exit, and when the rate limit's timer fires). */
  writeLines(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.unwritten.size === 0) return;
    this.lastLine = this.now();
    for (const [key, { reason, exporter, count }] of this.unwritten) {
      this.writeLine(
        `secotel: ${count} security record(s) lost by the ${exporter} exporter (${reason}); ` +
          `${this.totals.get(key)} in total since start`,
      );
    }
    this.unwritten.clear();
  }
}

const keyOf = (reason: LossReason, exporter: string) => `${reason}\u0000${exporter}`;

function add(map: Map<string, Loss>, key: string, reason: LossReason, exporter: string, count: number): void {
  map.set(key, { reason, exporter, count: (map.get(key)?.count ?? 0) + count });
}
