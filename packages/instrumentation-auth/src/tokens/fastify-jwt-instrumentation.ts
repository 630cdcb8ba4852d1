import {
  type InstrumentationConfig,
  InstrumentationNodeModuleDefinition,
} from '@opentelemetry/instrumentation';
import { importedAs, lazily, SecotelInstrumentation, WRAPPED_ORIGINAL } from '@secotel/sdk/instrumentation';
import { instrumentationId } from '../instrumentation-id';
import type { Plugin } from './fastify-jwt';

interface PluginNamespace {
  default: Plugin;
}

const SUPPORTED = ['>=9 <11'];

const wrappers = lazily(() => require('./fastify-jwt') as typeof import('./fastify-jwt'));

export type FastifyJwtInstrumentationConfig = InstrumentationConfig;

/**
 * @fastify/jwt's own check beyond the token: its `trusted(request, decoded)` option, which apps use as a deny
 * list of revoked tokens. Token signing and verification are fast-jwt's and reported by that instrumentation.
 * `import` gets a namespace whose default is replaced, and put back by disable(). `require` gets the plugin
 * function itself, so the module's exports are the wrapper, which cannot be taken back from an app that
 * holds it: disabled, it passes calls straight through.
 */
export class FastifyJwtInstrumentation extends SecotelInstrumentation<FastifyJwtInstrumentationConfig> {
  constructor(config: FastifyJwtInstrumentationConfig = {}) {
    super(...instrumentationId('fastify-jwt'), config);
  }

  protected override init() {
    const enabled = () => this.isEnabled();
    return importedAs(
      new InstrumentationNodeModuleDefinition(
        '@fastify/jwt',
        SUPPORTED,
        (moduleExports: Plugin | PluginNamespace) => {
          if (typeof moduleExports === 'function') return wrappers().wrapPlugin(moduleExports, enabled);
          // The namespace of an `import` may show the exports require() already replaced. Not `this._wrap`:
          // fastify reads fastify-plugin's markers from the function itself, which must be wrapPlugin's.
          if (!(WRAPPED_ORIGINAL in moduleExports.default)) {
            moduleExports.default = wrappers().wrapPlugin(moduleExports.default, enabled);
          }
          return moduleExports;
        },
        (moduleExports: Plugin | PluginNamespace) => {
          if (typeof moduleExports === 'function') return;
          const original = moduleExports.default[WRAPPED_ORIGINAL];
          if (original !== undefined) moduleExports.default = original as Plugin;
        },
      ),
    );
  }
}
