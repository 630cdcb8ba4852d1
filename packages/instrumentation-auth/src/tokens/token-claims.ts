/** The claims a token's facts may carry: who it is for, its id and what it grants; never the token itself. */
interface TokenClaims {
  subject?: string;
  id?: string;
  scopes?: string[];
}

/**
 * Reads the claims from a compact JWS's payload segment. The signature is not checked: an issued token is the
 * library's own output, and a rejected one only lends its `jti` to the fact about it.
 */
export function tokenClaims(token: unknown): TokenClaims {
  if (typeof token !== 'string') return {};
  const payload = token.split('.')[1];
  if (payload === undefined) return {};
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return {};
  }
  if (typeof claims !== 'object' || claims === null) return {};
  const { sub, jti, scope, scp } = claims as Record<string, unknown>;
  return { subject: text(sub), id: text(jti), scopes: scopeList(scope ?? scp) };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** OAuth's `scope` is one space-separated string (RFC 8693); `scp` is often an array. */
function scopeList(value: unknown): string[] | undefined {
  const list = typeof value === 'string' ? value.split(' ') : Array.isArray(value) ? value : [];
  const scopes = list.filter((scope): scope is string => typeof scope === 'string' && scope !== '');
  return scopes.length > 0 ? scopes : undefined;
}
