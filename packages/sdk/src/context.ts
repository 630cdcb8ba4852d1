import { AsyncLocalStorage } from 'node:async_hooks';
import type { SecurityAttributes } from '@secotel/semconv';

/** Who made the request and what it asked for; filled by the HTTP layer, or by hand with runWithContext. */
export interface SecurityContext {
  client?: { address?: string; port?: number };
  user?: SecurityUser;
  /** The raw session id; it is only ever exported as a keyed hash. */
  session?: { id?: string };
  request?: { method?: string; route?: string; path?: string; userAgent?: string };
  /** More attributes to add to every event emitted inside this context. */
  attributes?: SecurityAttributes;
}

export interface SecurityUser {
  id?: string;
  name?: string;
  roles?: readonly string[];
}

const GLOBAL_KEY = Symbol.for('secotel.security-context');

/** One store per process even when several copies of this package are loaded, so every layer sees the same request. */
function storage(): AsyncLocalStorage<SecurityContext> {
  const holder = globalThis as { [GLOBAL_KEY]?: AsyncLocalStorage<SecurityContext> };
  holder[GLOBAL_KEY] ??= new AsyncLocalStorage<SecurityContext>();
  return holder[GLOBAL_KEY];
}

/**
 * Runs `fn` with a security context; events emitted inside it, including from async work it starts, carry the
 * context's fields. A nested call inherits the outer context's fields and overrides those it sets.
 */
export function runWithContext<T>(context: SecurityContext, fn: () => T): T {
  const outer = storage().getStore();
  const merged: SecurityContext = outer === undefined ? { ...context } : mergeContexts(outer, context);
  return storage().run(merged, fn);
}

/** The context of the current request, or undefined outside of one. The object is live: setUser mutates it. */
export function getSecurityContext(): SecurityContext | undefined {
  return storage().getStore();
}

function mergeContexts(outer: SecurityContext, inner: SecurityContext): SecurityContext {
  return {
    client: { ...outer.client, ...inner.client },
    user: inner.user ?? outer.user,
    session: inner.session ?? outer.session,
    request: { ...outer.request, ...inner.request },
    attributes: { ...outer.attributes, ...inner.attributes },
  };
}
