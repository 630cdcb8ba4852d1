import {
  type InstrumentationConfig,
  InstrumentationNodeModuleDefinition,
  InstrumentationNodeModuleFile,
} from '@opentelemetry/instrumentation';
import { lazily, SecotelInstrumentation } from '@secotel/sdk/instrumentation';
import { instrumentationId } from './instrumentation-name';

const SUPPORTED_EXPRESS = ['>=4 <5'];
/** Express 5 routes with the separate `router` package. */
const SUPPORTED_ROUTER = ['>=2 <3'];

const patches = lazily(() => require('./express') as typeof import('./express'));

export type ExpressInstrumentationConfig = InstrumentationConfig;

/**
 * Route templates for express 4 and 5. The full template (`/api/users/:id`) is the mount paths of the routers
 * the request went through plus the matched route's path, so two internals are wrapped: use() with a path gives
 * the layers it mounts a handler that tracks entering and leaving them, and Route#dispatch
 * (which runs once a route matched) sets the template on the request's context. Router 2's own tracing
 * channel is not used: it allocates a context object for every middleware call and reports the route path
 * without its mount paths.
 */
export class ExpressInstrumentation extends SecotelInstrumentation<ExpressInstrumentationConfig> {
  constructor(config: ExpressInstrumentationConfig = {}) {
    super(...instrumentationId('express'), config);
  }

  protected override init() {
    const wrapUse = (original: unknown) => patches().wrapUse(original as never, () => this.isEnabled());
    const wrapDispatch = (original: unknown) => patches().wrapDispatch(original as never);
    return [
      new InstrumentationNodeModuleDefinition('express', SUPPORTED_EXPRESS, undefined, undefined, [
        this.patchFile('express/lib/router/index.js', SUPPORTED_EXPRESS, 'use', wrapUse, (proto) => proto),
        this.patchFile(
          'express/lib/router/route.js',
          SUPPORTED_EXPRESS,
          'dispatch',
          wrapDispatch,
          prototypeOf,
        ),
      ]),
      new InstrumentationNodeModuleDefinition(
        'router',
        SUPPORTED_ROUTER,
        (Router) => {
          this._wrap(prototypeOf(Router), 'use', wrapUse as never);
          return Router;
        },
        (Router) => this._unwrap(prototypeOf(Router), 'use'),
        [this.patchFile('router/lib/route.js', SUPPORTED_ROUTER, 'dispatch', wrapDispatch, prototypeOf)],
      ),
    ];
  }

  private patchFile(
    name: string,
    versions: string[],
    method: 'use' | 'dispatch',
    wrapper: (original: unknown) => unknown,
    target: (moduleExports: never) => Record<string, unknown>,
  ): InstrumentationNodeModuleFile {
    return new InstrumentationNodeModuleFile(
      name,
      versions,
      (moduleExports) => {
        this._wrap(target(moduleExports as never), method, wrapper as never);
        return moduleExports;
      },
      (moduleExports) => this._unwrap(target(moduleExports as never), method),
    );
  }
}

function prototypeOf(moduleExports: { prototype: Record<string, unknown> }): Record<string, unknown> {
  return moduleExports.prototype;
}
