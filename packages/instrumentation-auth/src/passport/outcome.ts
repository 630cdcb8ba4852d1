import { type SecurityUser, security } from '@secotel/sdk';
import { errorType } from '../error-type';

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
 * Records the outcome's one fact. A failure or an error is about the login entered, not about a user the
 * request was already known as (a session's), so the context's user id and roles are left out of it.
 */
export function emitOutcome(outcome: Outcome): void {
  const strategy = outcome.strategy;
  if (outcome.kind === 'success') {
    const { login, user } = outcome;
    security.authnLoginSuccess({
      'user.id': user?.id,
      // The login as entered, like failures carry it, so both hash alike in anonymization mode.
      'user.name': login ?? user?.name,
      'user.roles': user?.roles,
      'security.auth.strategy': strategy,
      'security.outcome': 'success',
    });
  } else if (outcome.kind === 'failure') {
    security.authnLoginFail({
      ...OTHER_USER,
      'user.name': outcome.login,
      'security.reason': outcome.reason,
      'security.auth.strategy': strategy,
      'security.outcome': 'failure',
    });
  } else {
    security.authnError({
      ...OTHER_USER,
      'user.name': outcome.login,
      'security.auth.strategy': strategy,
      'error.type': errorType(outcome.error),
    });
  }
}

const OTHER_USER = { 'user.id': undefined, 'user.roles': undefined };
