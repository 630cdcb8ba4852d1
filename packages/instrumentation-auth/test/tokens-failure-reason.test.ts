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

/** fast-jwt (the library of @fastify/jwt), as a real verifier configured with `options` throws. */
function fastJwtError(token: string, options: object = {}, key: unknown = SECRET): unknown {
  const { createVerifier } = createRequire(__filename)('fast-jwt') as {
    createVerifier(options: object): (token: string) => unknown;
  };
  try {
    createVerifier({ key, ...options })(token);
  } catch (error) {
    return error;
  }
  throw new Error('the fast-jwt verifier accepted the token');
}

describe('tokenFailureReason with fast-jwt 6 errors', () => {
  it.each<[string, string, () => Promise<unknown>]>([
    ['expired', 'exp', async () => fastJwtError(await joseSigned({ exp: NOW - 60 }))],
    ['not_yet_valid', 'nbf', async () => fastJwtError(await joseSigned({ nbf: NOW + 3600 }))],
    [
      'bad_signature',
      'other key',
      async () => fastJwtError(await joseSigned({}), {}, 'another-secret-of-thirty-two-byt'),
    ],
    [
      'alg_not_allowed',
      'HS512',
      async () => fastJwtError(await joseSigned({}, 'HS512'), { algorithms: ['HS256'] }),
    ],
    ['alg_not_allowed', 'alg none', async () => fastJwtError(new UnsecuredJWT({}).encode())],
    ['malformed', 'not a JWT', async () => fastJwtError('not-a-jwt')],
    ['malformed', 'exp not a number', async () => fastJwtError(handSigned({ exp: 'tomorrow' }))],
    [
      'wrong_audience',
      'aud',
      async () => fastJwtError(await joseSigned({ aud: 'billing' }), { allowedAud: 'shop' }),
    ],
    [
      'wrong_audience',
      'aud array',
      async () => fastJwtError(await joseSigned({ aud: ['billing', 'hr'] }), { allowedAud: 'shop' }),
    ],
    [
      'wrong_issuer',
      'iss',
      async () => fastJwtError(await joseSigned({ iss: 'https://x.test' }), { allowedIss: 'y' }),
    ],
    [
      'invalid_claim',
      'sub',
      async () => fastJwtError(await joseSigned({ sub: 'bob' }), { allowedSub: 'alice' }),
    ],
    [
      'invalid_claim',
      'required jti',
      async () => fastJwtError(await joseSigned({}), { requiredClaims: ['jti'] }),
    ],
    [
      'invalid_claim',
      'typ',
      async () =>
        fastJwtError(await new SignJWT({}).setProtectedHeader({ alg: 'HS256', typ: 'dpop+jwt' }).sign(KEY), {
          checkTyp: 'JWT',
        }),
    ],
  ])('%s: %s', async (reason, _case, error) => {
    expect(tokenFailureReason(await error())).toBe(reason);
  });

  it('is undefined when the verifier, not the token, is at fault', async () => {
    const { createVerifier } = createRequire(__filename)('fast-jwt') as {
      createVerifier(options: object): (token: string) => Promise<unknown>;
    };
    const unreachableKeys = createVerifier({
      key: async () => {
        throw new Error('key set unavailable');
      },
    });
    const error = await unreachableKeys(await joseSigned({})).then(
      () => {
        throw new Error('the fast-jwt verifier accepted the token');
      },
      (failure: unknown) => failure,
    );
    expect((error as { code?: unknown }).code).toBe('FAST_JWT_KEY_FETCHING_ERROR');
    expect(tokenFailureReason(error)).toBeUndefined();
  });
});
