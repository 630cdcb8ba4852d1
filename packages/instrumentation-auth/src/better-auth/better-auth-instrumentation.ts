import {
  type InstrumentationConfig,
  InstrumentationNodeModuleDefinition,
  InstrumentationNodeModuleFile,
} from '@opentelemetry/instrumentation';
import { importedAs, lazily, SecotelInstrumentation, WRAPPED_ORIGINAL } from '@secotel/sdk/instrumentation';
import { writableExports } from '../esm-namespace';
import { instrumentationId } from '../instrumentation-id';
import type { BetterAuth } from './better-auth';

interface BetterAuthExports {
  betterAuth?: BetterAuth;
}

const SUPPORTED = ['>=1.7 <2'];
/** `better-auth/minimal` (no Kysely) exports its own betterAuth. */
const MINIMAL_FILE = 'better-auth/dist/auth/minimal.mjs';
/** better-auth is ES modules only: what applications import it by. */
const IMPORTED_AS = ['better-auth', 'better-auth/minimal'];

const wrappers = lazily(() => require('./better-auth') as typeof import('./better-auth'));

export type BetterAuthInstrumentationConfig = InstrumentationConfig;

/**
 * better-auth 1.7: sign-in and sign-up, password changes and resets, sign-out and session revocation, from an
 * after hook added to each instance `betterAuth()` creates; instances made while enabled keep the hook after
 * disable(), which then reports nothing. `import` gets import-in-the-middle's namespace; `require()`
 * (require(esm)) the sealed namespace, so a copy is handed out.
 */
export class BetterAuthInstrumentation extends SecotelInstrumentation<BetterAuthInstrumentationConfig> {
  constructor(config: BetterAuthInstrumentationConfig = {}) {
    super(...instrumentationId('better-auth'), config);
  }

  protected override init() {
    const patch = (moduleExports: BetterAuthExports) => {
      const patched = writableExports(moduleExports);
      if (patched.betterAuth !== undefined && !(WRAPPED_ORIGINAL in patched.betterAuth)) {
        this._wrap(patched, 'betterAuth', ((original: BetterAuth) =>
          wrappers().wrapBetterAuth(original, () => this.isEnabled())) as never);
      }
      return patched;
    };
    const unpatch = (moduleExports: BetterAuthExports) => {
      const patched = writableExports(moduleExports);
      if (patched.betterAuth !== undefined) this._unwrap(patched, 'betterAuth');
    };
    return importedAs(
      new InstrumentationNodeModuleDefinition('better-auth', SUPPORTED, patch, unpatch, [
        new InstrumentationNodeModuleFile(MINIMAL_FILE, SUPPORTED, patch, unpatch),
      ]),
      IMPORTED_AS,
    );
  }
}
