import { errorType, type SecurityUser, security } from '@secotel/sdk';

/** What one passport attempt decided; a pass or a redirect to an identity provider decides nothing. */
export type Outcome =
  | {
      readonly kind: 'success';
      readonly strategy: string;
      readonly login?: string;
      readonly user?: SecurityUser;
    }
  | { readonly kind: 'failure'; readonly strategy: string; readonly login?: string; readonly reason: string }
  | { readonly kind: 'error'; readonly strategy: string; readonly login?: string; readonly error: unknown };

/**
 * Records the outcome's one fact, through the same API an application reports logins with. A failure or an
 * error is about the login entered, not about a user the request was already known as (a session's), so the
 * context's user id and roles are left out of it.
 */
export function emitOutcome(outcome: Outcome): void {
  const { strategy, login } = outcome;
  if (outcome.kind === 'success') {
    const { user } = outcome;
    // The login as entered, like failures carry it, so both hash alike in anonymization mode.
    security.loginSuccess({ userId: user?.id, login: login ?? user?.name, roles: user?.roles, strategy });
  } else if (outcome.kind === 'failure') {
    security.loginFailure({ login, reason: outcome.reason, strategy, attributes: OTHER_USER });
  } else {
    security.authnError({
      ...OTHER_USER,
      'user.name': login,
      'security.auth.strategy': strategy,
      'error.type': errorType(outcome.error),
    });
  }
}

const OTHER_USER = { 'user.id': undefined, 'user.roles': undefined };
