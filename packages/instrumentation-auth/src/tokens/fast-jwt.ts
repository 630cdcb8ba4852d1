import { InstrumentationNodeModuleDefinition, isWrapped } from '@opentelemetry/instrumentation';
import { keepSignature, SecotelInstrumentation } from '@secotel/sdk/instrumentation';
import { instrumentationId } from '../instrumentation-id';
import { reportTokenCreated, reportTokenFailure } from './token-facts';

type Callback = (this: unknown, error: unknown, result: unknown) => unknown;
/** A signer or verifier: synchronous, or asynchronous with a callback or a returned promise. */
type TokenFunction = (this: unknown, input: unknown, callback?: Callback) => unknown;
type Factory = (this: unknown, ...options: unknown[]) => TokenFunction;
interface FastJwtExports {
  createSigner: Factory;
  createDecoder: Factory;
  createVerifier: Factory;
}

const FACTORIES = ['createSigner', 'createDecoder', 'createVerifier'] as const;

const SUPPORTED = ['>=5 <7'];

/** Module names the ESM loader hook must intercept: an app importing fast-jwt itself. */
export const FAST_JWT_MODULES: readonly string[] = ['fast-jwt'];

/**
 * Runs a signer or verifier with the app's own arguments and hands its outcome to `onResult` / `onError` in
 * each of its three forms; what the app gets back settles and throws as the original's would.
 */
function observe(
  original: TokenFunction,
  onResult: (result: unknown) => void,
  onError: (error: unknown, input: unknown) => void,
): TokenFunction {
  return function observed(this: unknown, input, callback) {
    if (typeof callback === 'function') {
      return original.call(this, input, function observedCallback(this: unknown, error, result) {
        if (error) onError(error, input);
        else onResult(result);
        // biome-ignore lint/complexity/noArguments: the app's callback gets exactly the arguments it was given.
        return callback.apply(this, arguments as unknown as [unknown, unknown]);
      });
    }
    let result: unknown;
    try {
      // biome-ignore lint/complexity/noArguments: the original sees exactly the arguments the app passed.
      result = original.apply(this, arguments as unknown as [unknown]);
    } catch (error) {
      onError(error, input);
      throw error;
    }
    if (!isPromise(result)) {
      onResult(result);
      return result;
    }
    return result.then(
      (value) => {
        onResult(value);
        return value;
      },
      (error: unknown) => {
        onError(error, input);
        throw error;
      },
    );
  };
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

function wrapFactory(observeProduct: (product: TokenFunction) => TokenFunction) {
  return (original: Factory): Factory =>
    function create(this: unknown, ...options: unknown[]) {
      const product = original.apply(this, options);
      return typeof product === 'function' ? keepSignature(observeProduct(product), product) : product;
    };
}

const wrapCreateSigner = wrapFactory((signer) => observe(signer, reportTokenCreated, () => {}));
const wrapCreateVerifier = wrapFactory((verifier) => observe(verifier, () => {}, reportTokenFailure));
// @fastify/jwt decodes a presented token before verifying it (to pick its key), so a malformed token fails
// in the decoder. fast-jwt's verifiers decode with their own internal decoder, which is not this export.
const wrapCreateDecoder = wrapFactory((decoder) => observe(decoder, () => {}, reportTokenFailure));

const WRAPPERS = {
  createSigner: wrapCreateSigner,
  createDecoder: wrapCreateDecoder,
  createVerifier: wrapCreateVerifier,
};

/**
 * fast-jwt 5 and 6, the JWT library of @fastify/jwt: `createSigner`, `createDecoder` and `createVerifier` are
 * wrapped so every signer, decoder and verifier they make reports tokens issued and the precise reason of each
 * token refused.
 * @fastify/jwt destructures both when it loads, after the require hook patched them.
 */
class FastJwtInstrumentation extends SecotelInstrumentation {
  constructor() {
    super(...instrumentationId('fast-jwt'), {});
  }

  protected override init() {
    return new InstrumentationNodeModuleDefinition(
      'fast-jwt',
      SUPPORTED,
      (moduleExports: FastJwtExports) => {
        // The namespace of an `import` may show the exports require() already patched.
        if (isWrapped(moduleExports.createSigner)) return moduleExports;
        for (const factory of FACTORIES) this._wrap(moduleExports, factory, WRAPPERS[factory] as never);
        return moduleExports;
      },
      (moduleExports: FastJwtExports) => {
        for (const factory of FACTORIES) this._unwrap(moduleExports, factory);
      },
    );
  }
}

let instrumentation: FastJwtInstrumentation | undefined;

/** Reports tokens fast-jwt (and so @fastify/jwt) signs and the precise reason of each failed verification. */
export function enableFastJwt(): void {
  instrumentation ??= new FastJwtInstrumentation();
  instrumentation.enable();
}
