// The wrappers of JoseInstrumentation (jose-instrumentation.ts), loaded when jose is first imported or required.
import { reportTokenCreated, reportTokenFailure } from './token-facts';

type AsyncFunction = (this: unknown, ...args: unknown[]) => Promise<unknown>;

// The returned promise settles like the original one (a rejection the app leaves unhandled stays unhandled).
export function wrapJwtVerify(original: AsyncFunction): AsyncFunction {
  return function jwtVerify(this: unknown, ...args: unknown[]) {
    return original.apply(this, args).then(undefined, (error: unknown) => {
      reportTokenFailure(error, args[0]);
      throw error;
    });
  };
}

export function wrapSign(original: AsyncFunction): AsyncFunction {
  return function sign(this: unknown, ...args: unknown[]) {
    return original.apply(this, args).then((token) => {
      reportTokenCreated(token);
      return token;
    });
  };
}
