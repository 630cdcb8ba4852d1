interface OidcError {
  name?: unknown;
  code?: unknown;
  /** ResponseBodyError (token endpoint) and AuthorizationResponseError (callback): the OAuth error code. */
  error?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** The ID Token claim oauth4webapi names when a comparison or timestamp check failed, and what that means. */
const ID_TOKEN_CLAIMS: Readonly<Record<string, string>> = {
  exp: 'id_token_expired',
  iat: 'id_token_not_yet_valid',
  nbf: 'id_token_not_yet_valid',
  auth_time: 'id_token_auth_too_old',
  iss: 'id_token_wrong_issuer',
  aud: 'id_token_wrong_audience',
  azp: 'id_token_wrong_audience',
  nonce: 'nonce_mismatch',
};

/** openid-client wraps oauth4webapi's failure (the one that names the claim or parameter) as its `cause`. */
function innermost(error: OidcError): OidcError {
  const cause = error.cause as OidcError | undefined;
  return typeof cause === 'object' && cause !== null && typeof cause.message === 'string' ? cause : error;
}

/**
 * Why an OpenID Connect login or a refresh failed, for openid-client 6 errors; undefined when nothing about the
 * login was wrong but the client could not complete it (a network failure, a timeout, a misconfiguration).
 *
 * - the provider said no: its OAuth error code (`access_denied`, `login_required`, `invalid_grant` for a code
 *   used twice or a refresh token revoked, ...);
 * - the callback's `state` is not the one the login started with: `state_mismatch`;
 * - the ID Token's `nonce` is not the one sent: `nonce_mismatch`;
 * - the ID Token failed validation: `id_token_expired`, `id_token_not_yet_valid`, `id_token_wrong_issuer`,
 *   `id_token_wrong_audience`, `id_token_auth_too_old`, `id_token_bad_signature`, `id_token_missing`,
 *   `id_token_invalid` (anything else wrong with it);
 * - another malformed response from the provider: `invalid_response`.
 */
export function oidcFailureReason(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const failure = error as OidcError;
  if (typeof failure.error === 'string' && failure.error !== '') return failure.error;
  const inner = innermost(failure);
  const detail = (inner.cause ?? {}) as { claim?: unknown };
  const message = typeof inner.message === 'string' ? inner.message : '';
  switch (failure.code) {
    case 'OAUTH_JWT_CLAIM_COMPARISON_FAILED':
    case 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED':
      return (
        (typeof detail.claim === 'string' ? ID_TOKEN_CLAIMS[detail.claim] : undefined) ?? 'id_token_invalid'
      );
    case 'OAUTH_INVALID_RESPONSE':
      if (message.includes('"state"')) return 'state_mismatch';
      if (message.includes('"id_token"')) return 'id_token_missing';
      // Signatures are checked on ID Tokens (with non-repudiation checks on) and signed callback responses.
      if (message.includes('signature verification failed')) return 'id_token_bad_signature';
      return message.includes('ID Token') ? 'id_token_invalid' : 'invalid_response';
    case 'OAUTH_KEY_SELECTION_FAILED':
      // No key of the provider's key set matches the token's header: nothing trusted signed it.
      return 'id_token_bad_signature';
    case 'OAUTH_PARSE_ERROR':
      return 'invalid_response';
    default:
      return undefined;
  }
}
