// The wrappers of JsonwebtokenInstrumentation (jsonwebtoken-instrumentation.ts), loaded when jsonwebtoken is
// first required.
import { reportTokenCreated, reportTokenFailure } from './token-facts';

type Callback = (this: unknown, error: unknown, result: unknown) => unknown;
export type TokenFunction = (this: unknown, ...args: unknown[]) => unknown;

/**
 * The app's callback, if it passed one: sign and verify take `(token, key, options?, callback?)`, and a
 * function in the options' place is the callback.
 */
function callbackIndex(args: readonly unknown[]): number | undefined {
  if (typeof args[3] === 'function') return 3;
  return typeof args[2] === 'function' ? 2 : undefined;
}

/**
 * Runs sign or verify with the app's own arguments and hands the outcome to `onResult` / `onError`, in both
 * the synchronous form (return or throw) and the callback form; what the app gets back is unchanged.
 */
function observe(
  original: TokenFunction,
  enabled: () => boolean,
  onResult: (result: unknown, args: readonly unknown[]) => void,
  onError: (error: unknown, args: readonly unknown[]) => void,
): TokenFunction {
  return function observed(this: unknown, ...args: unknown[]) {
    if (!enabled()) return original.apply(this, args);
    const index = callbackIndex(args);
    if (index === undefined) {
      let result: unknown;
      try {
        result = original.apply(this, args);
      } catch (error) {
        onError(error, args);
        throw error;
      }
      onResult(result, args);
      return result;
    }
    const callback = args[index] as Callback;
    const observedArgs = [...args];
    observedArgs[index] = function observedCallback(this: unknown, error: unknown, result: unknown) {
      if (error) onError(error, args);
      else onResult(result, args);
      // biome-ignore lint/complexity/noArguments: the app's callback gets exactly the arguments it was given.
      return callback.apply(this, arguments as unknown as [unknown, unknown]);
    };
    return original.apply(this, observedArgs);
  };
}

export type Wrap = (original: TokenFunction, enabled: () => boolean) => TokenFunction;

export const wrapSign: Wrap = (original, enabled) =>
  observe(
    original,
    enabled,
    (token) => reportTokenCreated(token),
    () => {},
  );

export const wrapVerify: Wrap = (original, enabled) =>
  observe(
    original,
    enabled,
    () => {},
    (error, args) => reportTokenFailure(error, args[0]),
  );
