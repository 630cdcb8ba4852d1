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
type Method = keyof ReturnType<typeof patches>['WRAPPERS'];

export type ExpressInstrumentationConfig = InstrumentationConfig;

/**
 * Route templates for express 4 and 5. The full template (`/api/users/:id`) is the mount paths of the routers
 * the request went through plus the matched route's path, so three internals are wrapped: use() remembers
 * each layer's mount path, a mounted layer's handler tracks entering and leaving it, and Route#dispatch
 * (which runs once a route matched) sets the template on the request's context. Router 2's own tracing
 * channel is not used: it allocates a context object for every middleware call and reports the route path
 * without its mount paths.
 */
export class ExpressInstrumentation extends SecotelInstrumentation<ExpressInstrumentationConfig> {
  constructor(config: ExpressInstrumentationConfig = {}) {
    super(...instrumentationId('express'), config);
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
          this._wrap(prototypeOf(Router), 'use', patches().wrapUse as never);
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
    method: Method,
    target: (moduleExports: never) => Record<string, unknown>,
  ): InstrumentationNodeModuleFile {
    return new InstrumentationNodeModuleFile(
      name,
      versions,
      (moduleExports) => {
        this._wrap(target(moduleExports as never), method, patches().WRAPPERS[method] as never);
        return moduleExports;
      },
      (moduleExports) => this._unwrap(target(moduleExports as never), method),
    );
  }
}

function prototypeOf(moduleExports: { prototype: Record<string, unknown> }): Record<string, unknown> {
  return moduleExports.prototype;
}
