import type { IncomingMessage } from 'node:http';
import { InstrumentationNodeModuleDefinition, isWrapped } from '@opentelemetry/instrumentation';
import { errorType, guard, security } from '@secotel/sdk';
import { keepSignature, SecotelInstrumentation } from '@secotel/sdk/instrumentation';
import { insideAuthAttempt } from '../attempt';
import { instrumentationId } from '../instrumentation-id';
import { tokenClaims } from './token-claims';

type Next = (error?: unknown) => unknown;
type Middleware = ((this: unknown, req: IncomingMessage, res: unknown, next: Next) => unknown) & {
  unless?: unknown;
};
type ExpressJwt = (this: unknown, options: unknown) => Middleware;
interface ExpressJwtExports {
  expressjwt: ExpressJwt;
}

const SUPPORTED = ['>=8 <9'];

/** Module names the ESM loader hook must intercept: `import { expressjwt } from 'express-jwt'`. */
export const EXPRESS_JWT_MODULES: readonly string[] = ['express-jwt'];

/**
 * What an error express-jwt passes on means. Verification failures (`invalid_token`) are left out: express-jwt
 * verifies with jsonwebtoken, whose instrumentation reports them with their precise reason already.
 */
function reportMiddlewareError(error: unknown, req: IncomingMessage): void {
  if (insideAuthAttempt()) return;
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
  if (name !== 'UnauthorizedError') {
    // The key lookup (a JWKS fetch), getToken or isRevoked failed: no decision on the token was reached.
    security.authnError({ 'security.auth.strategy': 'jwt', 'error.type': errorType(error) });
  } else if (code === 'revoked_token') {
    const claims = tokenClaims(bearerToken(req));
    security.authnTokenReuse({ 'security.token.id': claims.id, 'user.name': claims.subject });
  } else if (code === 'credentials_bad_format') {
    // `Authorization: Bearer` with no token, or with more than one part.
    security.authnTokenInvalid({
      'security.reason': 'malformed',
      'security.auth.scheme': 'Bearer',
      'error.type': errorType(error),
    });
  }
}

/** The token of an `Authorization: Bearer <token>` header, the form express-jwt reads without getToken. */
function bearerToken(req: IncomingMessage): string | undefined {
  const [scheme, token] = (req.headers?.authorization ?? '').split(' ');
  return scheme !== undefined && /^Bearer$/i.test(scheme) ? token : undefined;
}

function wrapMiddleware(original: Middleware): Middleware {
  const middleware: Middleware = function expressJwtMiddleware(this: unknown, req, res, next) {
    if (typeof next !== 'function') return original.call(this, req, res, next);
    return original.call(this, req, res, function observedNext(this: unknown, ...args: unknown[]) {
      if (args[0] !== undefined) guard('express-jwt.error', () => reportMiddlewareError(args[0], req));
      return next.apply(this, args as [unknown]);
    });
  };
  // express-unless's `unless` builds on `this`, the middleware it is called on: the wrapper then.
  middleware.unless = original.unless;
  return middleware;
}

function wrapExpressjwt(original: ExpressJwt): ExpressJwt {
  return function expressjwt(this: unknown, options: unknown) {
    const middleware = original.call(this, options);
    // The middleware keeps its arity: express tells error middleware by it.
    return (
      guard('express-jwt.wrap', () => keepSignature(wrapMiddleware(middleware), middleware)) ?? middleware
    );
  };
}

/**
 * express-jwt 8: its `expressjwt(options)` factory is wrapped, so each middleware it returns reports the
 * errors it passes to `next`: a revoked token presented (authn_token_reuse), a malformed Authorization header
 * (authn_token_invalid) and a key lookup that failed (authn_error). `require` gets the exports object,
 * `import` import-in-the-middle's namespace; both hold `expressjwt` as a replaceable property.
 */
class ExpressJwtInstrumentation extends SecotelInstrumentation {
  constructor() {
    super(...instrumentationId('express-jwt'), {});
  }

  protected override init() {
    return new InstrumentationNodeModuleDefinition(
      'express-jwt',
      SUPPORTED,
      (moduleExports: ExpressJwtExports) => {
        // The namespace of an `import` may show the exports require() already patched.
        if (!isWrapped(moduleExports.expressjwt)) {
          this._wrap(moduleExports, 'expressjwt', wrapExpressjwt as never);
        }
        return moduleExports;
      },
      (moduleExports: ExpressJwtExports) => this._unwrap(moduleExports, 'expressjwt'),
    );
  }
}

let instrumentation: ExpressJwtInstrumentation | undefined;

/** Reports revoked tokens presented, malformed Bearer headers and failed key lookups of express-jwt. */
export function enableExpressJwt(): void {
  instrumentation ??= new ExpressJwtInstrumentation();
  instrumentation.enable();
}
