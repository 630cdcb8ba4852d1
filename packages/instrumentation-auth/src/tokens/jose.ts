import {
  InstrumentationNodeModuleDefinition,
  InstrumentationNodeModuleFile,
} from '@opentelemetry/instrumentation';
import { SecotelInstrumentation } from '@secotel/sdk/instrumentation';
import { writableExports } from '../esm-namespace';
import { instrumentationId } from '../instrumentation-id';
import { reportTokenCreated, reportTokenFailure } from './token-facts';

type AsyncFunction = (this: unknown, ...args: unknown[]) => Promise<unknown>;
/** The main module exports both; the `jose/jwt/verify` and `jose/jwt/sign` subpaths one each. */
interface JoseExports {
  jwtVerify?: AsyncFunction;
  SignJWT?: { prototype: { sign: AsyncFunction } };
}

const SUPPORTED = ['>=6 <7'];
/** The files behind the subpaths, as require-in-the-middle and import-in-the-middle name them. */
const SUBPATH_FILES = ['jose/dist/webapi/jwt/verify.js', 'jose/dist/webapi/jwt/sign.js'];

/** Module names the ESM loader hook must intercept: jose 6 is ES modules only. */
export const JOSE_MODULES: readonly string[] = ['jose', 'jose/jwt/verify', 'jose/jwt/sign'];

// The returned promise settles like the original one (a rejection the app leaves unhandled stays unhandled).
function wrapJwtVerify(original: AsyncFunction): AsyncFunction {
  return function jwtVerify(this: unknown, ...args: unknown[]) {
    return original.apply(this, args).then(undefined, (error: unknown) => {
      reportTokenFailure(error, args[0]);
      throw error;
    });
  };
}

function wrapSign(original: AsyncFunction): AsyncFunction {
  return function sign(this: unknown, ...args: unknown[]) {
    return original.apply(this, args).then((token) => {
      reportTokenCreated(token);
      return token;
    });
  };
}

/**
 * jose: jwtVerify and SignJWT#sign, from the main module and from their subpaths. `import` gets
 * import-in-the-middle's namespace, whose exports can be replaced. `require('jose')` loads the ES module with
 * require(esm) and gets its real namespace, which is sealed, so the app is handed a copy with the wrapped
 * export instead. SignJWT#sign is patched on the class, which every form shares.
 */
class JoseInstrumentation extends SecotelInstrumentation {
  constructor() {
    super(...instrumentationId('jose'), {});
  }

  protected override init() {
    const patch = (moduleExports: JoseExports) => {
      const patched = writableExports(moduleExports);
      if (patched.jwtVerify !== undefined) this._wrap(patched, 'jwtVerify', wrapJwtVerify as never);
      if (patched.SignJWT !== undefined) this._wrap(patched.SignJWT.prototype, 'sign', wrapSign as never);
      return patched;
    };
    const unpatch = (moduleExports: JoseExports) => {
      if (moduleExports.jwtVerify !== undefined) this._unwrap(moduleExports, 'jwtVerify');
      if (moduleExports.SignJWT !== undefined) this._unwrap(moduleExports.SignJWT.prototype, 'sign');
    };
    return new InstrumentationNodeModuleDefinition(
      'jose',
      SUPPORTED,
      patch,
      unpatch,
      SUBPATH_FILES.map((file) => new InstrumentationNodeModuleFile(file, SUPPORTED, patch, unpatch)),
    );
  }
}

let instrumentation: JoseInstrumentation | undefined;

/** Reports tokens jose signs (SignJWT) and the precise reason of each failed jwtVerify. */
export function enableJose(): void {
  instrumentation ??= new JoseInstrumentation();
  instrumentation.enable();
}
