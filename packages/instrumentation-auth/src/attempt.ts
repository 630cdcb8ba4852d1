import { AsyncLocalStorage } from 'node:async_hooks';

const ATTEMPT_KEY = Symbol.for('secotel.auth.attempt');

/** One store per process, so every copy of this package sees the same attempt. */
function attempts(): AsyncLocalStorage<true> {
  const holder = globalThis as { [ATTEMPT_KEY]?: AsyncLocalStorage<true> };
  holder[ATTEMPT_KEY] ??= new AsyncLocalStorage<true>();
  return holder[ATTEMPT_KEY];
}

/**
 * Runs one authentication attempt (a passport strategy's authenticate). Token checks made inside it belong to
 * the attempt's single outcome fact instead of being facts of their own.
 */
export function withinAuthAttempt<T>(fn: () => T): T {
  return attempts().run(true, fn);
}

export function insideAuthAttempt(): boolean {
  return attempts().getStore() === true;
}

/**
 * Runs what follows an attempt's decision (passport handing control back to the application) outside of it,
 * so tokens the application signs or verifies afterwards are facts of their own again.
 */
export function outsideAuthAttempt<T>(fn: () => T): T {
  return attempts().exit(fn);
}
