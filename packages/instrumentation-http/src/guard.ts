import { diag } from '@opentelemetry/api';

const reported = new Set<string>();

/** Reports an error caught inside one of secotel's hooks, once per hook, through the OpenTelemetry diag logger. */
export function reportInternalError(hook: string, error: unknown): void {
  if (reported.has(hook)) return;
  reported.add(hook);
  diag.warn(
    `secotel: internal error in ${hook} (reported once)`,
    error instanceof Error ? error.message : '',
  );
}

/** Runs one hook body of secotel's own; an error inside it is reported, never thrown into the application. */
export function guard<T>(hook: string, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    reportInternalError(hook, error);
    return undefined;
  }
}
