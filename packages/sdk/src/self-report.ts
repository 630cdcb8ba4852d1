import { diag } from '@opentelemetry/api';

/**
 * secotel's own problems: each kind is counted and reported once through the OpenTelemetry diag logger, so a
 * fault inside secotel is visible without flooding the host application's output.
 */
export class SelfReport {
  private readonly counts = new Map<string, number>();

  count(kind: string, amount = 1): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + amount);
  }

  /** Counts the problem and reports it the first time it happens. */
  problem(kind: string, message: string, error?: unknown): void {
    this.count(kind);
    if (this.counts.get(kind) === 1) {
      diag.warn(
        `secotel: ${message} (reported once; counted as "${kind}")`,
        error instanceof Error ? error.message : '',
      );
    }
  }

  /** Runs a hook body; an error inside secotel is caught and reported, never thrown into the application. */
  guard<T>(kind: string, fn: () => T): T | undefined {
    try {
      return fn();
    } catch (error) {
      this.problem(kind, `internal error in ${kind}`, error);
      return undefined;
    }
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }
}
