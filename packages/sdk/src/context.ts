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
  /** The request's inputs, captured once on first use and bounded; the database layer checks them for injection. */
  inputs?: RequestInputs;
  /**
   * The request body as the framework parsed it, numbers, nulls and nested objects included (the inputs hold
   * only its string leaves). The database layer compares query documents with it: a MongoDB operator object
   * such as `{"$ne": null}` has no string in it. The HTTP layer's request context provides it.
   */
  body?(): unknown;
  /**
   * Short names of the events recorded in this context, each once, so that automatic facts do not repeat manual
   * ones. An array: a request records one or two, and an array costs less to make than a Set.
   */
  recorded?: string[];
}

/** Where an input came from: the URL path, its query, route parameters, the parsed body, a header or a cookie. */
export type InputSource = 'path' | 'query' | 'route' | 'body' | 'header' | 'cookie';

/** One input value as the application received it (decoded), and where it sits, e.g. `.body.user.name`. */
export interface RequestInput {
  readonly source: InputSource;
  readonly path: string;
  readonly value: string;
}

export interface RequestInputs {
  /** Every input known so far; sources the framework has not parsed yet (the body) join once it has. */
  list(): readonly RequestInput[];
}

export interface SecurityUser {
  id?: string;
  name?: string;
  roles?: readonly string[];
}

const GLOBAL_KEY = Symbol.for('secotel.security-context');

/** The process's store once looked up: every request reads it several times. */
let processStore: AsyncLocalStorage<SecurityContext> | undefined;

/** One store per process even when several copies of this package are loaded, so every layer sees the same request. */
function storage(): AsyncLocalStorage<SecurityContext> {
  if (processStore !== undefined) return processStore;
  const holder = globalThis as { [GLOBAL_KEY]?: AsyncLocalStorage<SecurityContext> };
  holder[GLOBAL_KEY] ??= new AsyncLocalStorage<SecurityContext>();
  processStore = holder[GLOBAL_KEY];
  return processStore;
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

/**
 * Makes `context` the current one, as it is (no copy, so later changes are seen), for the rest of the current
 * synchronous execution and the async work it starts. For an instrumentation that is told a request began but
 * gets no callback to wrap (node's http.server.request.start diagnostics channel).
 */
export function enterContext(context: SecurityContext): void {
  storage().enterWith(context);
}

/**
 * Runs `fn(...args)` with `context` as it is (no merge, no copy): for callbacks that belong to a known request.
 * A hot caller passes arguments rather than a closure: a closure anywhere in a function makes every call of it
 * allocate the variables it captures (bench/http/PROFILE.md).
 */
export function runInContext<Args extends unknown[], T>(
  context: SecurityContext,
  fn: (...args: Args) => T,
  ...args: Args
): T {
  return storage().run(context, fn, ...args);
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
    inputs: inner.inputs ?? outer.inputs,
    body: bodyOf(inner) ?? bodyOf(outer),
  };
}

/** The context's body reader, bound to it (the HTTP layer's is a method of its request context). */
function bodyOf(context: SecurityContext): (() => unknown) | undefined {
  return typeof context.body === 'function' ? () => context.body?.() : undefined;
}

/** Whether an event of this short name was already recorded in the current request context. */
export function recordedInContext(name: string): boolean {
  return getSecurityContext()?.recorded?.includes(name) ?? false;
}
