// The wrappers of FastJwtInstrumentation (fast-jwt-instrumentation.ts), loaded when fast-jwt is first required
// or imported.
import { keepSignature } from '@secotel/sdk/instrumentation';
import { reportTokenCreated, reportTokenFailure } from './token-facts';

type Callback = (this: unknown, error: unknown, result: unknown) => unknown;
/** A signer or verifier: synchronous, or asynchronous with a callback or a returned promise. */
type TokenFunction = (this: unknown, input: unknown, callback?: Callback) => unknown;
export type Factory = (this: unknown, ...options: unknown[]) => TokenFunction;

/**
 * Runs a signer or verifier with the app's own arguments and hands its outcome to `onResult` / `onError` in
 * each of its three forms; what the app gets back settles and throws as the original's would.
 */
function observe(
  original: TokenFunction,
  enabled: () => boolean,
  onResult: (result: unknown) => void,
  onError: (error: unknown, input: unknown) => void,
): TokenFunction {
  return function observed(this: unknown, input, callback) {
    // biome-ignore lint/complexity/noArguments: the original sees exactly the arguments the app passed.
    if (!enabled()) return original.apply(this, arguments as unknown as [unknown]);
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

type ObserveProduct = (product: TokenFunction, enabled: () => boolean) => TokenFunction;

function wrapFactory(observeProduct: ObserveProduct) {
  return (original: Factory, enabled: () => boolean): Factory =>
    function create(this: unknown, ...options: unknown[]) {
      const product = original.apply(this, options);
      return typeof product === 'function'
        ? keepSignature(observeProduct(product, enabled), product)
        : product;
    };
}

/** The wrappers FastJwtInstrumentation applies, by the factory each replaces. */
export const WRAPPERS = {
  createSigner: wrapFactory((signer, enabled) => observe(signer, enabled, reportTokenCreated, () => {})),
  // @fastify/jwt decodes a presented token before verifying it (to pick its key), so a malformed token fails
  // in the decoder. fast-jwt's verifiers decode with their own internal decoder, which is not this export.
  createDecoder: wrapFactory((decoder, enabled) => observe(decoder, enabled, () => {}, reportTokenFailure)),
  createVerifier: wrapFactory((verifier, enabled) =>
    observe(verifier, enabled, () => {}, reportTokenFailure),
  ),
};
