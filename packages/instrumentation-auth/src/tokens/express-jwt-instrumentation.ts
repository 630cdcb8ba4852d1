import {
  type InstrumentationConfig,
  InstrumentationNodeModuleDefinition,
} from '@opentelemetry/instrumentation';
import { importedAs, lazily, SecotelInstrumentation, WRAPPED_ORIGINAL } from '@secotel/sdk/instrumentation';
import { instrumentationId } from '../instrumentation-id';
import type { ExpressJwt } from './express-jwt';

interface ExpressJwtExports {
  expressjwt: ExpressJwt;
}

const SUPPORTED = ['>=8 <9'];

const wrappers = lazily(() => require('./express-jwt') as typeof import('./express-jwt'));

export type ExpressJwtInstrumentationConfig = InstrumentationConfig;

/**
 * express-jwt 8: its `expressjwt(options)` factory is wrapped, so each middleware it returns reports the
 * errors it passes to `next`: a revoked token presented (authn_token_reuse), a malformed Authorization header
 * (authn_token_invalid) and a key lookup that failed (authn_error). `require` gets the exports object,
 * `import` import-in-the-middle's namespace; both hold `expressjwt` as a replaceable property. Middleware made
 * while enabled stays in the app's stack after disable(), and then passes calls straight through.
 */
export class ExpressJwtInstrumentation extends SecotelInstrumentation<ExpressJwtInstrumentationConfig> {
  constructor(config: ExpressJwtInstrumentationConfig = {}) {
    super(...instrumentationId('express-jwt'), config);
  }

  protected override init() {
    return importedAs(
      new InstrumentationNodeModuleDefinition(
        'express-jwt',
        SUPPORTED,
        (moduleExports: ExpressJwtExports) => {
          // The namespace of an `import` may show the exports require() already patched.
          if (!(WRAPPED_ORIGINAL in moduleExports.expressjwt)) {
            this._wrap(moduleExports, 'expressjwt', ((original: ExpressJwt) =>
              wrappers().wrapExpressjwt(original, () => this.isEnabled())) as never);
          }
          return moduleExports;
        },
        (moduleExports: ExpressJwtExports) => this._unwrap(moduleExports, 'expressjwt'),
      ),
    );
  }
}
