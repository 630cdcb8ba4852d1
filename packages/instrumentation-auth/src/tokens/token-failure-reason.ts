/** jsonwebtoken 9 reports most failures as a JsonWebTokenError told apart only by its message. */
const JSONWEBTOKEN_MESSAGES: ReadonlyArray<readonly [prefix: string, reason: string]> = [
  ['invalid signature', 'bad_signature'],
  ['invalid algorithm', 'alg_not_allowed'],
  // An unsigned token (`alg: none`, or its signature stripped) presented to a verifier that has a key.
  ['jwt signature is required', 'alg_not_allowed'],
  ['please specify "none" in "algorithms"', 'alg_not_allowed'],
  ['jwt malformed', 'malformed'],
  ['invalid token', 'malformed'],
  ['jwt must be provided', 'malformed'],
  ['jwt must be a string', 'malformed'],
  ['invalid nbf value', 'malformed'],
  ['invalid exp value', 'malformed'],
  ['jwt audience invalid', 'wrong_audience'],
  ['jwt issuer invalid', 'wrong_issuer'],
  ['jwt subject invalid', 'invalid_claim'],
  ['jwt jwtid invalid', 'invalid_claim'],
  ['jwt nonce invalid', 'invalid_claim'],
  ['iat required when maxAge is specified', 'invalid_claim'],
];

/** jose 5 and 6 give every error a stable `code`. */
const JOSE_CODES: Readonly<Record<string, string>> = {
  ERR_JWT_EXPIRED: 'expired',
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'bad_signature',
  // A key set without a key for the token's `kid`/`alg`: nothing trusted signed it.
  ERR_JWKS_NO_MATCHING_KEY: 'bad_signature',
  ERR_JOSE_ALG_NOT_ALLOWED: 'alg_not_allowed',
  // Raised for `alg: none` and for algorithms or critical header extensions the verifier does not implement.
  ERR_JOSE_NOT_SUPPORTED: 'alg_not_allowed',
  ERR_JWS_INVALID: 'malformed',
  ERR_JWT_INVALID: 'malformed',
};

/** fast-jwt 5 and 6 (the library of @fastify/jwt) give every TokenError a stable `code`. */
const FAST_JWT_CODES: Readonly<Record<string, string>> = {
  FAST_JWT_EXPIRED: 'expired',
  FAST_JWT_INACTIVE: 'not_yet_valid',
  FAST_JWT_INVALID_SIGNATURE: 'bad_signature',
  FAST_JWT_INVALID_ALGORITHM: 'alg_not_allowed',
  // An unsigned token presented to a verifier that has a key, as jsonwebtoken's `jwt signature is required`.
  FAST_JWT_MISSING_SIGNATURE: 'alg_not_allowed',
  FAST_JWT_INVALID_CRIT_HEADER: 'alg_not_allowed',
  FAST_JWT_MALFORMED: 'malformed',
  FAST_JWT_INVALID_PAYLOAD: 'malformed',
  FAST_JWT_INVALID_CLAIM_TYPE: 'malformed',
  FAST_JWT_MISSING_REQUIRED_CLAIM: 'invalid_claim',
};

/** The reason for a claim (named by jose's ERR_JWT_CLAIM_VALIDATION_FAILED or a fast-jwt message) that did not match. */
const CLAIM_REASONS: Readonly<Record<string, string>> = {
  nbf: 'not_yet_valid',
  aud: 'wrong_audience',
  iss: 'wrong_issuer',
};

/**
 * The precise reason a token verification failed (expired, not_yet_valid, bad_signature, alg_not_allowed,
 * malformed, wrong_audience, wrong_issuer, invalid_claim), from a jsonwebtoken, jose or fast-jwt error; undefined for
 * anything else, such as a verifier without usable key material (the token is not at fault then).
 */
export function tokenFailureReason(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { name, message, code } = error as { name?: unknown; message?: unknown; code?: unknown };
  if (name === 'TokenExpiredError') return 'expired';
  if (name === 'NotBeforeError') return 'not_yet_valid';
  if (name === 'JsonWebTokenError' && typeof message === 'string') {
    return JSONWEBTOKEN_MESSAGES.find(([prefix]) => message.startsWith(prefix))?.[1];
  }
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') return joseClaimReason(error as JoseClaimError);
  if (typeof code !== 'string') return undefined;
  if (code.startsWith('FAST_JWT_')) return fastJwtReason(code, message);
  return JOSE_CODES[code];
}

/**
 * fast-jwt tells a claim's failure only in its message: `The aud claim value is not allowed.`, `None of aud
 * claim values are allowed.`, or `The exp claim must be a number.` for a claim of the wrong type; `Invalid typ.`
 * and `The token must be a string or a buffer.` share FAST_JWT_INVALID_TYPE.
 */
function fastJwtReason(code: string, message: unknown): string | undefined {
  const text = typeof message === 'string' ? message : '';
  if (code === 'FAST_JWT_INVALID_TYPE') return text.startsWith('Invalid typ') ? 'invalid_claim' : 'malformed';
  if (code !== 'FAST_JWT_INVALID_CLAIM_VALUE') return FAST_JWT_CODES[code];
  if (/\bclaim must be\b/.test(text)) return 'malformed';
  const claim = /^(?:The|None of) (\w+) claim/.exec(text)?.[1];
  return (claim === undefined ? undefined : CLAIM_REASONS[claim]) ?? 'invalid_claim';
}

interface JoseClaimError {
  claim?: unknown;
  reason?: unknown;
}

function joseClaimReason({ claim, reason }: JoseClaimError): string {
  // A time claim that is not a number is a broken token, not one used at the wrong time.
  if (reason === 'invalid') return 'malformed';
  return (typeof claim === 'string' ? CLAIM_REASONS[claim] : undefined) ?? 'invalid_claim';
}
