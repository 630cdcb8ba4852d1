import {
  type InstrumentationConfig,
  InstrumentationNodeModuleDefinition,
} from '@opentelemetry/instrumentation';
import { importedAs, lazily, SecotelInstrumentation } from '@secotel/sdk/instrumentation';
import { writableExports } from '../esm-namespace';
import { instrumentationId } from '../instrumentation-id';

const GRANTS = ['authorizationCodeGrant', 'refreshTokenGrant'] as const;
type OpenidClientExports = Partial<Record<(typeof GRANTS)[number], unknown>>;

const SUPPORTED = ['>=6 <7'];

const wrappers = lazily(() => require('./openid-client') as typeof import('./openid-client'));

export type OpenidClientInstrumentationConfig = InstrumentationConfig;

/**
 * openid-client 6 (ES modules only): `authorizationCodeGrant` (the end of an OpenID Connect login: callback
 * checks, code exchange, ID Token validation) and `refreshTokenGrant`. `import` gets import-in-the-middle's
 * namespace, whose exports can be replaced; `require()` (require(esm)) gets the sealed namespace, so a copy is
 * handed out.
 */
export class OpenidClientInstrumentation extends SecotelInstrumentation<OpenidClientInstrumentationConfig> {
  constructor(config: OpenidClientInstrumentationConfig = {}) {
    super(...instrumentationId('openid-client'), config);
  }

  protected override init() {
    return importedAs(
      new InstrumentationNodeModuleDefinition(
        'openid-client',
        SUPPORTED,
        (moduleExports: OpenidClientExports) => {
          const patched = writableExports(moduleExports);
          for (const name of GRANTS) {
            if (patched[name] !== undefined) this._wrap(patched, name, wrappers().WRAPPERS[name] as never);
          }
          return patched;
        },
        (moduleExports: OpenidClientExports) => {
          const patched = writableExports(moduleExports);
          for (const name of GRANTS) if (patched[name] !== undefined) this._unwrap(patched, name);
        },
      ),
    );
  }
}
