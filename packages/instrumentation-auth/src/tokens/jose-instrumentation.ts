import {
  type InstrumentationConfig,
  InstrumentationNodeModuleDefinition,
  InstrumentationNodeModuleFile,
} from '@opentelemetry/instrumentation';
import { importedAs, lazily, SecotelInstrumentation } from '@secotel/sdk/instrumentation';
import { writableExports } from '../esm-namespace';
import { instrumentationId } from '../instrumentation-id';

type AsyncFunction = (this: unknown, ...args: unknown[]) => Promise<unknown>;
/** The main module exports both; the `jose/jwt/verify` and `jose/jwt/sign` subpaths one each. */
interface JoseExports {
  jwtVerify?: AsyncFunction;
  SignJWT?: { prototype: { sign: AsyncFunction } };
}

const SUPPORTED = ['>=6 <7'];
/** The files behind the subpaths, as require-in-the-middle and import-in-the-middle name them. */
const SUBPATH_FILES = ['jose/dist/webapi/jwt/verify.js', 'jose/dist/webapi/jwt/sign.js'];
/** jose 6 is ES modules only: what applications import it by. */
const IMPORTED_AS = ['jose', 'jose/jwt/verify', 'jose/jwt/sign'];

const wrappers = lazily(() => require('./jose') as typeof import('./jose'));

export type JoseInstrumentationConfig = InstrumentationConfig;

/**
 * jose: the tokens SignJWT signs and the precise reason of each failed jwtVerify, from the main module and from
 * their subpaths. `import` gets import-in-the-middle's namespace, whose exports can be replaced.
 * `require('jose')` loads the ES module with require(esm) and gets its real namespace, which is sealed, so the
 * app is handed a copy with the wrapped export instead. SignJWT#sign is patched on the class, which every form
 * shares.
 */
export class JoseInstrumentation extends SecotelInstrumentation<JoseInstrumentationConfig> {
  constructor(config: JoseInstrumentationConfig = {}) {
    super(...instrumentationId('jose'), config);
  }

  protected override init() {
    const patch = (moduleExports: JoseExports) => {
      const patched = writableExports(moduleExports);
      if (patched.jwtVerify !== undefined)
        this._wrap(patched, 'jwtVerify', wrappers().wrapJwtVerify as never);
      if (patched.SignJWT !== undefined)
        this._wrap(patched.SignJWT.prototype, 'sign', wrappers().wrapSign as never);
      return patched;
    };
    const unpatch = (namespace: JoseExports) => {
      const moduleExports = writableExports(namespace);
      if (moduleExports.jwtVerify !== undefined) this._unwrap(moduleExports, 'jwtVerify');
      if (moduleExports.SignJWT !== undefined) this._unwrap(moduleExports.SignJWT.prototype, 'sign');
    };
    return importedAs(
      new InstrumentationNodeModuleDefinition(
        'jose',
        SUPPORTED,
        patch,
        unpatch,
        SUBPATH_FILES.map((file) => new InstrumentationNodeModuleFile(file, SUPPORTED, patch, unpatch)),
      ),
      IMPORTED_AS,
    );
  }
}
