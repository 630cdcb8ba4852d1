// The wrappers of ExpressJwtInstrumentation (express-jwt-instrumentation.ts), loaded when express-jwt is first
// required or imported.
import type { IncomingMessage } from 'node:http';
import { errorType, guard, security } from '@secotel/sdk';
import { keepSignature } from '@secotel/sdk/instrumentation';
import { insideAuthAttempt } from '../attempt';
import { tokenClaims } from './token-claims';

type Next = (error?: unknown) => unknown;
type Middleware = ((this: unknown, req: IncomingMessage, res: unknown, next: Next) => unknown) & {
  unless?: unknown;
};
export type ExpressJwt = (this: unknown, options: unknown) => Middleware;

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

function wrapMiddleware(original: Middleware, enabled: () => boolean): Middleware {
  const middleware: Middleware = function expressJwtMiddleware(this: unknown, req, res, next) {
    if (typeof next !== 'function' || !enabled()) return original.call(this, req, res, next);
    return original.call(this, req, res, function observedNext(this: unknown, ...args: unknown[]) {
      if (args[0] !== undefined) guard('express-jwt.error', () => reportMiddlewareError(args[0], req));
      return next.apply(this, args as [unknown]);
    });
  };
  // express-unless's `unless` builds on `this`, the middleware it is called on: the wrapper then.
  middleware.unless = original.unless;
  return middleware;
}

export function wrapExpressjwt(original: ExpressJwt, enabled: () => boolean): ExpressJwt {
  return function expressjwt(this: unknown, options: unknown) {
    const middleware = original.call(this, options);
    // The middleware keeps its arity: express tells error middleware by it.
    return (
      guard('express-jwt.wrap', () => keepSignature(wrapMiddleware(middleware, enabled), middleware)) ??
      middleware
    );
  };
}
