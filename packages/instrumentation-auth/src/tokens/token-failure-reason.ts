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

/** The claim a jose ERR_JWT_CLAIM_VALIDATION_FAILED names, when its value was checked and did not match. */
const JOSE_CLAIMS: Readonly<Record<string, string>> = {
  nbf: 'not_yet_valid',
  aud: 'wrong_audience',
  iss: 'wrong_issuer',
};

/**
 * The precise reason a token verification failed (expired, not_yet_valid, bad_signature, alg_not_allowed,
 * malformed, wrong_audience, wrong_issuer, invalid_claim), from a jsonwebtoken or jose error; undefined for
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
  return typeof code === 'string' ? JOSE_CODES[code] : undefined;
}

interface JoseClaimError {
  claim?: unknown;
  reason?: unknown;
}

function joseClaimReason({ claim, reason }: JoseClaimError): string {
  // A time claim that is not a number is a broken token, not one used at the wrong time.
  if (reason === 'invalid') return 'malformed';
  return (typeof claim === 'string' ? JOSE_CLAIMS[claim] : undefined) ?? 'invalid_claim';
}
