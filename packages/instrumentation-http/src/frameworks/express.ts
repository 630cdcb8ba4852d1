import type { IncomingMessage } from 'node:http';
import {
  InstrumentationNodeModuleDefinition,
  InstrumentationNodeModuleFile,
} from '@opentelemetry/instrumentation';
import { guard, reportInternalError } from '@secotel/sdk';
import { SecotelInstrumentation } from '@secotel/sdk/instrumentation';
import { RequestContext } from '../request-context';
import { instrumentationId } from './instrumentation-name';

/** The path a router.use() / app.use() layer was mounted at, as the application wrote it. */
const MOUNT_PATH = Symbol('secotel.express.mount-path');
/** The mount paths of the routers the request is inside right now, outermost first. */
const ACTIVE_MOUNTS = Symbol('secotel.express.active-mounts');

interface Layer {
  [MOUNT_PATH]?: string;
}
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

const SUPPORTED_EXPRESS = ['>=4 <5'];
/** Express 5 routes with the separate `router` package. */
const SUPPORTED_ROUTER = ['>=2 <3'];

/**
 * Route templates for express 4 and 5. The full template (`/api/users/:id`) is the mount paths of the routers
 * the request went through plus the matched route's path, so three internals are wrapped: use() remembers
 * each layer's mount path, a mounted layer's handler tracks entering and leaving it, and Route#dispatch
 * (which runs once a route matched) sets the template on the request's context. Router 2's own tracing
 * channel is not used: it allocates a context object for every middleware call and reports the route path
 * without its mount paths.
 */
class ExpressInstrumentation extends SecotelInstrumentation {
  constructor() {
    super(...instrumentationId('express'), {});
  }

  protected override init() {
    return [
      new InstrumentationNodeModuleDefinition('express', SUPPORTED_EXPRESS, undefined, undefined, [
        this.patchFile('express/lib/router/index.js', SUPPORTED_EXPRESS, 'use', (proto) => proto),
        this.patchFile('express/lib/router/layer.js', SUPPORTED_EXPRESS, 'handle_request', prototypeOf),
        this.patchFile('express/lib/router/route.js', SUPPORTED_EXPRESS, 'dispatch', prototypeOf),
      ]),
      new InstrumentationNodeModuleDefinition(
        'router',
        SUPPORTED_ROUTER,
        (Router) => {
          this._wrap(prototypeOf(Router), 'use', wrapUse as never);
          return Router;
        },
        (Router) => this._unwrap(prototypeOf(Router), 'use'),
        [
          this.patchFile('router/lib/layer.js', SUPPORTED_ROUTER, 'handleRequest', prototypeOf),
          this.patchFile('router/lib/route.js', SUPPORTED_ROUTER, 'dispatch', prototypeOf),
        ],
      ),
    ];
  }

  private patchFile(
    name: string,
    versions: string[],
    method: keyof typeof WRAPPERS,
    target: (moduleExports: never) => Record<string, unknown>,
  ): InstrumentationNodeModuleFile {
    return new InstrumentationNodeModuleFile(
      name,
      versions,
      (moduleExports) => {
        this._wrap(target(moduleExports as never), method, WRAPPERS[method] as never);
        return moduleExports;
      },
      (moduleExports) => this._unwrap(target(moduleExports as never), method),
    );
  }
}

function prototypeOf(moduleExports: { prototype: Record<string, unknown> }): Record<string, unknown> {
  return moduleExports.prototype;
}

function wrapUse(original: Use): Use {
  return function use(this: Router, ...args) {
    const before = this.stack?.length ?? 0;
    const result = original.apply(this, args);
    guard('express.use', () => {
      const path = mountPath(args[0]);
      if (path === undefined) return;
      for (const layer of this.stack.slice(before)) layer[MOUNT_PATH] = path;
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

function wrapLayerHandle(original: Handle): Handle {
  return function handle(this: Layer, req, res, next) {
    const path = this[MOUNT_PATH];
    if (path === undefined) return original.call(this, req, res, next);
    const mounts = guard('express.mount', () => {
      req[ACTIVE_MOUNTS] ??= [];
      req[ACTIVE_MOUNTS].push(path);
      return req[ACTIVE_MOUNTS];
    });
    if (mounts === undefined) return original.call(this, req, res, next);
    const depth = mounts.length - 1;
    // Calling next() means the request left this mount (it matched nothing inside, or passes an error on).
    return original.call(this, req, res, (...args: unknown[]) => {
      mounts.length = Math.min(mounts.length, depth);
      return next(...args);
    });
  };
}

function wrapDispatch(original: Dispatch): Dispatch {
  return function dispatch(this: Route, req, ...rest) {
    try {
      const template = `${(req[ACTIVE_MOUNTS] ?? []).join('')}${String(this.path)}`;
      RequestContext.of(req)?.setRoute(template.length > 1 ? template.replace(/\/+$/, '') : template);
    } catch (error) {
      reportInternalError('express.route', error);
    }
    return original.call(this, req, ...rest);
  };
}

const WRAPPERS = {
  use: wrapUse,
  handle_request: wrapLayerHandle,
  handleRequest: wrapLayerHandle,
  dispatch: wrapDispatch,
};

let instrumentation: ExpressInstrumentation | undefined;

/** Starts reporting express route templates (express 4, and express 5 through its `router` package). */
export function enableExpress(): void {
  instrumentation ??= new ExpressInstrumentation();
  instrumentation.enable();
}
