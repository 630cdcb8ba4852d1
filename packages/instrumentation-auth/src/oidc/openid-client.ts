import { InstrumentationNodeModuleDefinition } from '@opentelemetry/instrumentation';
import { errorType, guard, security } from '@secotel/sdk';
import { SecotelInstrumentation } from '@secotel/sdk/instrumentation';
import { insideAuthAttempt } from '../attempt';
import { writableExports } from '../esm-namespace';
import { instrumentationId } from '../instrumentation-id';
import { oidcFailureReason } from './oidc-failure-reason';

type Grant = (this: unknown, ...args: unknown[]) => Promise<unknown>;
interface OpenidClientExports {
  authorizationCodeGrant?: Grant;
  refreshTokenGrant?: Grant;
}
/** What a grant resolves to: the token response, with claims() giving the ID Token's claims when there is one. */
interface TokenResponse {
  claims?: () => Record<string, unknown> | undefined;
}

const SUPPORTED = ['>=6 <7'];
const STRATEGY = 'oidc';

/** Module names the ESM loader hook must intercept: openid-client 6 is ES modules only. */
export const OPENID_CLIENT_MODULES: readonly string[] = ['openid-client'];

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

const WRAPPERS = {
  authorizationCodeGrant: observeGrant(reportLogin, reportLoginFailure),
  refreshTokenGrant: observeGrant(() => {}, reportRefreshFailure),
};
const GRANTS = ['authorizationCodeGrant', 'refreshTokenGrant'] as const;

/**
 * openid-client 6: `authorizationCodeGrant` (the end of an OpenID Connect login: callback checks, code
 * exchange, ID Token validation) and `refreshTokenGrant`. `import` gets import-in-the-middle's namespace, whose
 * exports can be replaced; `require()` (require(esm)) gets the sealed namespace, so a copy is handed out.
 */
class OpenidClientInstrumentation extends SecotelInstrumentation {
  constructor() {
    super(...instrumentationId('openid-client'), {});
  }

  protected override init() {
    return new InstrumentationNodeModuleDefinition(
      'openid-client',
      SUPPORTED,
      (moduleExports: OpenidClientExports) => {
        const patched = writableExports(moduleExports);
        for (const name of GRANTS) {
          if (patched[name] !== undefined) this._wrap(patched, name, WRAPPERS[name] as never);
        }
        return patched;
      },
      (moduleExports: OpenidClientExports) => {
        for (const name of GRANTS) if (moduleExports[name] !== undefined) this._unwrap(moduleExports, name);
      },
    );
  }
}

let instrumentation: OpenidClientInstrumentation | undefined;

/** Reports OpenID Connect logins (success, failure with its reason) and refused refresh tokens of openid-client. */
export function enableOpenidClient(): void {
  instrumentation ??= new OpenidClientInstrumentation();
  instrumentation.enable();
}
