import { errorType, guard, security } from '@secotel/sdk';
import { insideAuthAttempt } from '../attempt';
import { tokenClaims } from './token-claims';
import { tokenFailureReason } from './token-failure-reason';

/**
 * A token was issued. Inside a passport attempt nothing is reported: the attempt's outcome is the one fact.
 */
export function reportTokenCreated(token: unknown): void {
  guard('token.created', () => {
    if (insideAuthAttempt()) return;
    const { subject, id, scopes } = tokenClaims(token);
    security.authnTokenCreated({
      'user.name': subject,
      'security.token.id': id,
      'security.token.scopes': scopes,
    });
  });
}

/**
 * A verification failed: a rejected token when the error names the token's fault, otherwise the verifier
 * could not decide (no usable key, a key set that cannot be fetched), which is an authentication error.
 */
export function reportTokenFailure(error: unknown, token: unknown): void {
  guard('token.failure', () => {
    if (insideAuthAttempt()) return;
    const reason = tokenFailureReason(error);
    if (reason === undefined) {
      security.authnError({ 'security.auth.strategy': 'jwt', 'error.type': errorType(error) });
      return;
    }
    security.authnTokenInvalid({
      'security.reason': reason,
      'security.token.id': tokenClaims(token).id,
      'error.type': errorType(error),
    });
  });
}
