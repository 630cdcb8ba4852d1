// The wrappers of OpenidClientInstrumentation (openid-client-instrumentation.ts), loaded when openid-client is
// first imported or required.
import { errorType, guard, security } from '@secotel/sdk';
import { insideAuthAttempt } from '../attempt';
import { oidcFailureReason } from './oidc-failure-reason';

type Grant = (this: unknown, ...args: unknown[]) => Promise<unknown>;
/** What a grant resolves to: the token response, with claims() giving the ID Token's claims when there is one. */
interface TokenResponse {
  claims?: () => Record<string, unknown> | undefined;
}

const STRATEGY = 'oidc';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The login completed: the ID Token names the user (`sub`, and `preferred_username` or `email` as the login). */
function reportLogin(result: unknown): void {
  const claims = (result as TokenResponse | null)?.claims?.() ?? {};
  security.loginSuccess({
    userId: text(claims.sub),
    login: text(claims.preferred_username) ?? text(claims.email),
    strategy: STRATEGY,
  });
}

/** The login failed for a reason about the login, or could not complete (the provider unreachable). */
function reportLoginFailure(error: unknown): void {
  const reason = oidcFailureReason(error);
  if (reason === undefined) {
    security.authnError({ 'security.auth.strategy': STRATEGY, 'error.type': errorType(error) });
    return;
  }
  security.loginFailure({ reason, strategy: STRATEGY, attributes: { 'error.type': errorType(error) } });
}

/** The provider refused a refresh token (revoked, expired, used twice): the token failed; else no decision. */
function reportRefreshFailure(error: unknown): void {
  const providerError = text((error as { error?: unknown } | null)?.error);
  if (providerError === undefined) {
    security.authnError({ 'security.auth.strategy': STRATEGY, 'error.type': errorType(error) });
    return;
  }
  security.authnTokenInvalid({ 'security.reason': 'refresh_rejected', 'error.type': providerError });
}

/**
 * Observes a grant's promise; the returned promise settles as the original's. Inside a passport attempt (the
 * openid-client passport strategy) the attempt's outcome is the one fact.
 */
function observeGrant(onSuccess: (result: unknown) => void, onFailure: (error: unknown) => void) {
  return (original: Grant): Grant =>
    function grant(this: unknown, ...args: unknown[]) {
      return original.apply(this, args).then(
        (result) => {
          if (!insideAuthAttempt()) guard('openid-client.success', () => onSuccess(result));
          return result;
        },
        (error: unknown) => {
          if (!insideAuthAttempt()) guard('openid-client.failure', () => onFailure(error));
          throw error;
        },
      );
    };
}

/** The wrappers OpenidClientInstrumentation applies, by the grant each replaces. */
export const WRAPPERS = {
  authorizationCodeGrant: observeGrant(reportLogin, reportLoginFailure),
  refreshTokenGrant: observeGrant(() => {}, reportRefreshFailure),
};
