// The wrappers of ExpressInstrumentation (express-instrumentation.ts), loaded when express is first required.
import type { IncomingMessage } from 'node:http';
import { guard, reportInternalError } from '@secotel/sdk';
import { RequestContext } from '../request-context';

/** The mount paths of the routers the request is inside right now, outermost first. */
const ACTIVE_MOUNTS = Symbol('secotel.express.active-mounts');

/** A router layer; express 4 names its handler method handle_request, router 2 (express 5) handleRequest. */
type Layer = Partial<Record<'handleRequest' | 'handle_request', Handle>>;
interface Router {
  stack: Layer[];
}
interface Route {
  path: unknown;
}
interface ExpressRequest extends IncomingMessage {
  [ACTIVE_MOUNTS]?: string[];
}
type Handle = (
  this: Layer,
  req: ExpressRequest,
  res: unknown,
  next: (...args: unknown[]) => unknown,
) => unknown;
type Dispatch = (this: Route, req: ExpressRequest, ...rest: unknown[]) => unknown;
type Use = (this: Router, ...args: unknown[]) => unknown;

/**
 * use() with a path: the layers it adds track entering and leaving their mount. Only those layers get a handler
 * of their own; every other layer of the application keeps express's, untouched.
 */
export function wrapUse(original: Use, isEnabled: () => boolean): Use {
  return function use(this: Router, ...args) {
    const before = this.stack?.length ?? 0;
    const result = original.apply(this, args);
    guard('express.use', () => {
      const path = mountPath(args[0]);
      if (path === undefined) return;
      for (const layer of this.stack.slice(before)) trackMount(layer, path, isEnabled);
    });
    return result;
  };
}

/** The path argument of use(), as express reads it; undefined for the root mount, which adds nothing. */
function mountPath(first: unknown): string | undefined {
  let innermost = first;
  while (Array.isArray(innermost) && innermost.length > 0) innermost = innermost[0];
  if (typeof innermost === 'function') return undefined;
  const path = String(first).replace(/\/+$/, '');
  return path === '' ? undefined : path;
}

/**
 * Gives one mounted layer a handler method of its own that records the mount while the request is inside it.
 * It calls the method the layer's prototype has at that moment, so a later wrapper there still runs.
 */
function trackMount(layer: Layer, path: string, isEnabled: () => boolean): void {
  const name = typeof layer.handleRequest === 'function' ? 'handleRequest' : 'handle_request';
  if (typeof layer[name] !== 'function') return;
  const handle: Handle = function handle(this: Layer, req, res, next) {
    const inherited = (Object.getPrototypeOf(this) as Layer)[name] as Handle;
    if (!isEnabled()) return inherited.call(this, req, res, next);
    const mounts = guard('express.mount', () => {
      req[ACTIVE_MOUNTS] ??= [];
      req[ACTIVE_MOUNTS].push(path);
      return req[ACTIVE_MOUNTS];
    });
    if (mounts === undefined) return inherited.call(this, req, res, next);
    const depth = mounts.length - 1;
    // Calling next() means the request left this mount (it matched nothing inside, or passes an error on).
    return inherited.call(this, req, res, (...args: unknown[]) => {
      mounts.length = Math.min(mounts.length, depth);
      return next(...args);
    });
  };
  // Not enumerable, like the prototype's method: the layer's own keys stay what express made.
  Object.defineProperty(layer, name, { configurable: true, writable: true, value: handle });
}

export function wrapDispatch(original: Dispatch): Dispatch {
  return function dispatch(this: Route, req) {
    try {
      const mounts = req[ACTIVE_MOUNTS];
      const path = String(this.path);
      // Most routes sit in no mounted router and end in no slash: then the path is the template as it is.
      const template = mounts === undefined || mounts.length === 0 ? path : `${mounts.join('')}${path}`;
      RequestContext.of(req)?.setRoute(
        template.length > 1 && template.endsWith('/') ? template.replace(/\/+$/, '') : template,
      );
    } catch (error) {
      reportInternalError('express.route', error);
    }
    // biome-ignore lint/complexity/noArguments: every request passes here; the call is handed on as made.
    return Reflect.apply(original, this, arguments);
  };
}
