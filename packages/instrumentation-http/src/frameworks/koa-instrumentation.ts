import {
  type InstrumentationConfig,
  InstrumentationNodeModuleDefinition,
} from '@opentelemetry/instrumentation';
import { importedAs, lazily, SecotelInstrumentation } from '@secotel/sdk/instrumentation';
import { instrumentationId } from './instrumentation-name';

type Application = { prototype: Record<string, unknown> };

const patches = lazily(() => require('./koa') as typeof import('./koa'));

export type KoaInstrumentationConfig = InstrumentationConfig;

/**
 * koa 2 and 3: the route template (@koa/router), ctx.state.user and parsed body of each request. Koa has no
 * diagnostics channels; Application#createContext is wrapped to hand each ctx to its request's context.
 */
export class KoaInstrumentation extends SecotelInstrumentation<KoaInstrumentationConfig> {
  constructor(config: KoaInstrumentationConfig = {}) {
    super(...instrumentationId('koa'), config);
  }

  protected override init() {
    // `import Koa from 'koa'` loads koa's ES module wrapper, which require hooks do not see.
    return importedAs(
      new InstrumentationNodeModuleDefinition(
        'koa',
        ['>=2 <4'],
        (moduleExports) => {
          this._wrap(
            application(moduleExports).prototype,
            'createContext',
            patches().wrapCreateContext as never,
          );
          return moduleExports;
        },
        (moduleExports) => this._unwrap(application(moduleExports).prototype, 'createContext'),
      ),
    );
  }
}

/** require('koa') is the Application class; the ES module namespace holds it as its default export. */
function application(moduleExports: Application | { default: Application }): Application {
  return 'default' in moduleExports ? moduleExports.default : moduleExports;
}
