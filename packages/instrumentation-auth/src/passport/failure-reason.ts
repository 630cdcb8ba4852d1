import { tokenFailureReason } from '../tokens/token-failure-reason';
import type { Credentials } from './credentials';

const MISSING_CREDENTIALS = 'missing_credentials';
/** passport-jwt fails with this fixed message when its extractor found no token in the request. */
const JWT_NO_TOKEN = 'No auth token';
const MAX_REASON_LENGTH = 48;

/**
 * Why a strategy refused the request, as a short snake_case reason: missing credentials, the precise token
 * reason for a JWT, or the message the verify callback gave (passport's `info`). Credentials that were
 * refused without a message are `invalid_credentials` (`invalid_token` for a JWT).
 */
export function failureReason(credentials: Credentials, challenge: unknown, status: unknown): string {
  if (!credentials.presented) return MISSING_CREDENTIALS;
  if (challenge instanceof Error) return errorReason(credentials, challenge);
  if (status === 400) return 'malformed_credentials';
  const message = infoMessage(credentials, challenge);
  return (message && snakeCase(message, credentials.login)) || 'invalid_credentials';
}

function errorReason(credentials: Credentials, error: Error): string {
  const reason = tokenFailureReason(error);
  if (reason !== undefined) return reason;
  if (credentials.kind !== 'jwt') return 'invalid_credentials';
  return error.message === JWT_NO_TOKEN ? MISSING_CREDENTIALS : 'invalid_token';
}

/**
 * The verify callback's message: `{ message }`, or a bare string from a form strategy. Other strategies'
 * strings are WWW-Authenticate challenges (`Basic realm="api"`), not reasons.
 */
function infoMessage(credentials: Credentials, challenge: unknown): string | undefined {
  if (typeof challenge === 'string') return credentials.kind === 'form' ? challenge : undefined;
  const message = (challenge as { message?: unknown } | null | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}

/** `Incorrect password.` -> `incorrect_password`; the login is cut out, so a message never carries it. */
function snakeCase(message: string, login: string | undefined): string {
  let text = message.toLowerCase();
  if (login !== undefined) {
    // Only where it stands alone: a login such as `a` must not cut letters out of words.
    const escaped = login.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    text = text.replace(new RegExp(`(^|[^a-z0-9])${escaped}(?![a-z0-9])`, 'g'), '$1 ');
  }
  return text
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, MAX_REASON_LENGTH)
    .replace(/^_+|_+$/g, '');
}
