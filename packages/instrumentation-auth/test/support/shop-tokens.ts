import { SignJWT } from 'jose';

/** What the express-jwt and @fastify/jwt fixtures sign with and check (HS256, audience shop, the test issuer). */
export const KEY = new TextEncoder().encode('a-test-secret-of-thirty-two-byte');
export const OTHER_KEY = new TextEncoder().encode('another-secret-of-thirty-two-byt');
export const NOW = Math.floor(Date.now() / 1000);

export interface TokenShape {
  /** The `jti`; none when undefined. */
  id?: string;
  change?: (jwt: SignJWT) => SignJWT;
  key?: Uint8Array;
  alg?: string;
  kid?: string;
}

/** A token for alice that the fixtures accept, unless `change`, `key`, `alg` or `kid` make it otherwise. */
export function shopToken({
  id,
  change = (jwt) => jwt,
  key = KEY,
  alg = 'HS256',
  kid,
}: TokenShape): Promise<string> {
  const jwt = new SignJWT({})
    .setProtectedHeader({ alg, kid })
    .setSubject('alice')
    .setAudience('shop')
    .setIssuer('https://issuer.test')
    .setIssuedAt(NOW - 60)
    .setExpirationTime(NOW + 3600);
  return change(id === undefined ? jwt : jwt.setJti(id)).sign(key);
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
