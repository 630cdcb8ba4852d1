import {
  type InstrumentationConfig,
  InstrumentationNodeModuleDefinition,
} from '@opentelemetry/instrumentation';
import { importedAs, lazily, SecotelInstrumentation, WRAPPED_ORIGINAL } from '@secotel/sdk/instrumentation';
import { instrumentationId } from '../instrumentation-id';
import type { Factory } from './fast-jwt';

const FACTORIES = ['createSigner', 'createDecoder', 'createVerifier'] as const;
type FastJwtExports = Record<(typeof FACTORIES)[number], Factory>;

const SUPPORTED = ['>=5 <7'];

const wrappers = lazily(() => require('./fast-jwt') as typeof import('./fast-jwt'));

export type FastJwtInstrumentationConfig = InstrumentationConfig;

/**
 * fast-jwt 5 and 6, the JWT library of @fastify/jwt: `createSigner`, `createDecoder` and `createVerifier` are
 * wrapped so every signer, decoder and verifier they make reports tokens issued and the precise reason of each
 * token refused. @fastify/jwt destructures them when it loads, after the require hook patched them; those
 * references, and signers and verifiers made while enabled, pass calls straight through after disable().
 */
export class FastJwtInstrumentation extends SecotelInstrumentation<FastJwtInstrumentationConfig> {
  constructor(config: FastJwtInstrumentationConfig = {}) {
    super(...instrumentationId('fast-jwt'), config);
  }

  protected override init() {
    return importedAs(
      new InstrumentationNodeModuleDefinition(
        'fast-jwt',
        SUPPORTED,
        (moduleExports: FastJwtExports) => {
          // The namespace of an `import` may show the exports require() already patched.
          if (WRAPPED_ORIGINAL in moduleExports.createSigner) return moduleExports;
          for (const factory of FACTORIES) {
            this._wrap(moduleExports, factory, ((original: Factory) =>
              wrappers().WRAPPERS[factory](original, () => this.isEnabled())) as never);
          }
          return moduleExports;
        },
        (moduleExports: FastJwtExports) => {
          for (const factory of FACTORIES) this._unwrap(moduleExports, factory);
        },
      ),
    );
  }
}
