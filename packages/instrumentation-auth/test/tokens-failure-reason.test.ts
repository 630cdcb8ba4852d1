import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import {
  CompactSign,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  type JWTVerifyOptions,
  jwtVerify,
  SignJWT,
  UnsecuredJWT,
} from 'jose';
import { describe, expect, it } from 'vitest';
import { tokenFailureReason } from '../src/tokens/token-failure-reason';

/** The part of jsonwebtoken's API used here (it ships no types). */
interface Jsonwebtoken {
  sign(payload: object, key: string | null, options?: object): string;
  verify(token: unknown, key: unknown, options?: object): unknown;
}
const jsonwebtoken = createRequire(__filename)('jsonwebtoken') as Jsonwebtoken;

const SECRET = 'a-test-secret-of-thirty-two-byte';
const KEY = new TextEncoder().encode(SECRET);
const NOW = Math.floor(Date.now() / 1000);

/** The error the library really throws; fails if it does not throw. */
function jsonwebtokenError(token: unknown, options: object = {}, key: unknown = SECRET): unknown {
  try {
    jsonwebtoken.verify(token, key, options);
  } catch (error) {
    return error;
  }
  throw new Error('verify accepted the token');
}

async function joseError(
  token: string,
  options: JWTVerifyOptions = {},
  key: unknown = KEY,
): Promise<unknown> {
  return jwtVerify(token, key as Uint8Array, options).then(
    () => {
      throw new Error('jwtVerify accepted the token');
    },
    (error: unknown) => error,
  );
}

const signed = (claims: object, options: object = {}) => jsonwebtoken.sign(claims, SECRET, options);

/** An HS256 token with claims jsonwebtoken.sign would refuse to write. */
function handSigned(claims: object): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const content = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${content}.${createHmac('sha256', SECRET).update(content).digest('base64url')}`;
}
const joseSigned = (claims: object, alg = 'HS256') =>
  new SignJWT({ ...claims }).setProtectedHeader({ alg }).sign(KEY);
const signedPayload = (payload: string) =>
  new CompactSign(new TextEncoder().encode(payload)).setProtectedHeader({ alg: 'HS256' }).sign(KEY);

/** A key set with one ES256 key, and a token signed by a key it does not hold. */
async function keySet() {
  const { publicKey } = await generateKeyPair('ES256');
  return createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'known', alg: 'ES256' }] });
}
async function signedByUnknownKey() {
  const { privateKey } = await generateKeyPair('ES256');
  return new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: 'unknown' }).sign(privateKey);
}

describe('tokenFailureReason with jsonwebtoken 9 errors', () => {
  it.each<[string, string, () => unknown]>([
    ['expired', 'exp in the past', () => jsonwebtokenError(signed({ exp: NOW - 10 }))],
    ['expired', 'older than maxAge', () => jsonwebtokenError(signed({ iat: NOW - 100 }), { maxAge: 10 })],
    ['not_yet_valid', 'nbf in the future', () => jsonwebtokenError(signed({ nbf: NOW + 100 }))],
    [
      'bad_signature',
      'signed with another key',
      () => jsonwebtokenError(jsonwebtoken.sign({}, 'another-secret')),
    ],
    [
      'alg_not_allowed',
      'alg none',
      () => jsonwebtokenError(jsonwebtoken.sign({}, null, { algorithm: 'none' })),
    ],
    [
      'alg_not_allowed',
      'alg none, no key',
      () => jsonwebtokenError(jsonwebtoken.sign({}, null, { algorithm: 'none' }), {}, undefined),
    ],
    [
      'alg_not_allowed',
      'HS512 where HS256 is required',
      () => jsonwebtokenError(signed({}, { algorithm: 'HS512' }), { algorithms: ['HS256'] }),
    ],
    ['alg_not_allowed', 'signature stripped', () => jsonwebtokenError(signed({}).replace(/[^.]+$/, ''))],
    ['malformed', 'not a JWT', () => jsonwebtokenError('not-a-jwt')],
    ['malformed', 'undecodable parts', () => jsonwebtokenError('a.b.c')],
    ['malformed', 'empty', () => jsonwebtokenError('')],
    ['malformed', 'not a string', () => jsonwebtokenError(42)],
    ['malformed', 'exp not a number', () => jsonwebtokenError(handSigned({ exp: 'tomorrow' }))],
    ['wrong_audience', 'aud', () => jsonwebtokenError(signed({ aud: 'billing' }), { audience: 'shop' })],
    [
      'wrong_issuer',
      'iss',
      () => jsonwebtokenError(signed({ iss: 'https://elsewhere.test' }), { issuer: 'https://issuer.test' }),
    ],
    ['invalid_claim', 'sub', () => jsonwebtokenError(signed({ sub: 'bob' }), { subject: 'alice' })],
    ['invalid_claim', 'jti', () => jsonwebtokenError(signed({ jti: 'a' }), { jwtid: 'b' })],
    [
      'invalid_claim',
      'iat missing for maxAge',
      () => jsonwebtokenError(signed({}, { noTimestamp: true }), { maxAge: 10 }),
    ],
  ])('%s: %s', (reason, _case, error) => {
    expect(tokenFailureReason(error())).toBe(reason);
  });

  it('is undefined when the verifier, not the token, is at fault', () => {
    expect(tokenFailureReason(jsonwebtokenError(signed({}), {}, ''))).toBeUndefined();
    expect(tokenFailureReason(jsonwebtokenError(signed({}), {}, () => SECRET))).toBeUndefined();
  });
});

describe('tokenFailureReason with jose 6 errors', () => {
  it.each<[string, string, () => Promise<unknown>]>([
    ['expired', 'exp in the past', async () => joseError(await joseSigned({ exp: NOW - 10 }))],
    [
      'expired',
      'older than maxTokenAge',
      async () => joseError(await joseSigned({ iat: NOW - 100 }), { maxTokenAge: 10 }),
    ],
    ['not_yet_valid', 'nbf in the future', async () => joseError(await joseSigned({ nbf: NOW + 100 }))],
    [
      'bad_signature',
      'signed with another key',
      async () =>
        joseError(await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).sign(new Uint8Array(32))),
    ],
    [
      'bad_signature',
      'signature stripped',
      async () => joseError((await joseSigned({})).replace(/[^.]+$/, '')),
    ],
    [
      'bad_signature',
      'no key of the key set',
      async () => joseError(await signedByUnknownKey(), {}, await keySet()),
    ],
    ['alg_not_allowed', 'alg none', async () => joseError(new UnsecuredJWT({}).encode())],
    [
      'alg_not_allowed',
      'alg none where HS256 is required',
      async () => joseError(new UnsecuredJWT({}).encode(), { algorithms: ['HS256'] }),
    ],
    [
      'alg_not_allowed',
      'HS512 where HS256 is required',
      async () => joseError(await joseSigned({}, 'HS512'), { algorithms: ['HS256'] }),
    ],
    ['malformed', 'not a JWT', async () => joseError('not-a-jwt')],
    ['malformed', 'undecodable parts', async () => joseError('a.b.c')],
    ['malformed', 'exp not a number', async () => joseError(await joseSigned({ exp: 'tomorrow' }))],
    ['malformed', 'claims not an object', async () => joseError(await signedPayload('[]'))],
    [
      'wrong_audience',
      'aud',
      async () => joseError(await joseSigned({ aud: 'billing' }), { audience: 'shop' }),
    ],
    [
      'wrong_issuer',
      'iss',
      async () => joseError(await joseSigned({ iss: 'https://elsewhere.test' }), { issuer: 'x' }),
    ],
    ['invalid_claim', 'sub', async () => joseError(await joseSigned({ sub: 'bob' }), { subject: 'alice' })],
    [
      'invalid_claim',
      'required jti missing',
      async () => joseError(await joseSigned({}), { requiredClaims: ['jti'] }),
    ],
  ])('%s: %s', async (reason, _case, error) => {
    expect(tokenFailureReason(await error())).toBe(reason);
  });

  it('is undefined when the verifier, not the token, is at fault', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const rs256 = await new SignJWT({}).setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
    expect(tokenFailureReason(await joseError(rs256, {}, KEY))).toBeUndefined();
  });
});

describe('tokenFailureReason with anything else', () => {
  it.each([undefined, null, 'expired', new Error('jwt expired'), { code: 'ECONNREFUSED' }])('%s', (value) => {
    expect(tokenFailureReason(value)).toBeUndefined();
  });
});
