import { getSecurityContext, runWithContext } from '@secotel/sdk';

/** Makes `id` the request's session: every later event of the request carries it, hashed by the SDK. */
export function enterSession(id: string): void {
  const context = getSecurityContext();
  if (context !== undefined) context.session = { id };
}

/** Runs `emit` with `id` as the session; outside of a request context the facts get a context of their own. */
export function emitForSession(id: string, emit: () => void): void {
  if (getSecurityContext() === undefined) {
    runWithContext({ session: { id } }, emit);
    return;
  }
  enterSession(id);
  emit();
}
