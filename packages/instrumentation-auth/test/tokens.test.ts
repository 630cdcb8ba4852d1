import { SignJWT, UnsecuredJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReceivedRecord } from '../../../test-support/otlp-sink';
import { recordFor } from '../../../test-support/records';
import {
  type Client,
  type Exchange,
  eventsAt,
  type FixtureApp,
  runWithoutSecotel,
  runWithSecotel,
} from './support/token-session-apps';

// What tokens-app/routes.cjs signs with and checks.
const KEY = new TextEncoder().encode('a-test-secret-of-thirty-two-byte');
const OTHER_KEY = new TextEncoder().encode('another-secret-of-thirty-two-byt');
const AUDIENCE = 'shop';
const ISSUER = 'https://issuer.test';
const NOW = Math.floor(Date.now() / 1000);

const INVALID = 'security.authn_token_invalid';
const UNAUTHORIZED = 'security.request_unauthorized';
const CREATED = 'security.authn_token_created';

type Library = 'jsonwebtoken' | 'jose';

interface FailureCase {
  name: string;
  token: () => Promise<string>;
  reason: string;
  /** The token's jti, which the fact carries as security.token.id when the token can be decoded. */
  id?: string;
  errorType: Record<Library, string>;
}

function token(id: string, change: (jwt: SignJWT) => SignJWT = (jwt) => jwt, key = KEY, alg = 'HS256') {
  return () =>
    change(
      new SignJWT({})
        .setProtectedHeader({ alg })
        .setSubject('alice')
        .setJti(id)
        .setAudience(AUDIENCE)
        .setIssuer(ISSUER)
        .setIssuedAt(NOW - 60)
        .setExpirationTime(NOW + 3600),
    ).sign(key);
}

const FAILURES: FailureCase[] = [
  {
    name: 'expired',
    token: token('t-expired', (jwt) => jwt.setExpirationTime(NOW - 30)),
    reason: 'expired',
    id: 't-expired',
    errorType: { jsonwebtoken: 'TokenExpiredError', jose: 'ERR_JWT_EXPIRED' },
  },
  {
    name: 'not-yet-valid',
    token: token('t-nbf', (jwt) => jwt.setNotBefore(NOW + 3600)),
    reason: 'not_yet_valid',
    id: 't-nbf',
    errorType: { jsonwebtoken: 'NotBeforeError', jose: 'ERR_JWT_CLAIM_VALIDATION_FAILED' },
  },
  {
    name: 'bad-signature',
    token: token('t-forged', undefined, OTHER_KEY),
    reason: 'bad_signature',
    id: 't-forged',
    errorType: { jsonwebtoken: 'JsonWebTokenError', jose: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' },
  },
  {
    name: 'alg-none',
    token: async () =>
      new UnsecuredJWT({ jti: 't-none' })
        .setSubject('admin')
        .setAudience(AUDIENCE)
        .setIssuer(ISSUER)
        .encode(),
    reason: 'alg_not_allowed',
    id: 't-none',
    errorType: { jsonwebtoken: 'JsonWebTokenError', jose: 'ERR_JOSE_ALG_NOT_ALLOWED' },
  },
  {
    name: 'alg-hs512',
    token: token('t-hs512', undefined, KEY, 'HS512'),
    reason: 'alg_not_allowed',
    id: 't-hs512',
    errorType: { jsonwebtoken: 'JsonWebTokenError', jose: 'ERR_JOSE_ALG_NOT_ALLOWED' },
  },
  {
    name: 'malformed',
    token: async () => 'not-a-jwt',
    reason: 'malformed',
    errorType: { jsonwebtoken: 'JsonWebTokenError', jose: 'ERR_JWS_INVALID' },
  },
  {
    name: 'wrong-audience',
    token: token('t-aud', (jwt) => jwt.setAudience('billing')),
    reason: 'wrong_audience',
    id: 't-aud',
    errorType: { jsonwebtoken: 'JsonWebTokenError', jose: 'ERR_JWT_CLAIM_VALIDATION_FAILED' },
  },
  {
    name: 'wrong-issuer',
    token: token('t-iss', (jwt) => jwt.setIssuer('https://elsewhere.test')),
    reason: 'wrong_issuer',
    id: 't-iss',
    errorType: { jsonwebtoken: 'JsonWebTokenError', jose: 'ERR_JWT_CLAIM_VALIDATION_FAILED' },
  },
];

/** Each library's verify routes: jsonwebtoken's synchronous and callback forms, jose's promise. */
const VERIFY_ROUTES: Array<{ library: Library; route: string }> = [
  { library: 'jsonwebtoken', route: '/jsonwebtoken/verify' },
  { library: 'jsonwebtoken', route: '/jsonwebtoken/verify-callback' },
  { library: 'jose', route: '/jose/verify' },
];
const SIGN_ROUTES = ['/jsonwebtoken/sign/issue', '/jsonwebtoken/sign-callback/issue', '/jose/sign/issue'];
const IN_ATTEMPT = ['/jsonwebtoken/verify-in-attempt/expired', '/jose/verify-in-attempt/expired'];
const MISCONFIGURED = [
  { path: '/jsonwebtoken/verify-misconfigured/valid', errorType: 'JsonWebTokenError' },
  { path: '/jose/verify-misconfigured/valid', errorType: 'Error' },
];

const tokens = new Map<string, string>();
let validToken: string;

beforeAll(async () => {
  for (const failure of FAILURES) tokens.set(failure.name, await failure.token());
  validToken = await token('t-valid')();
});

function bearer(value: string) {
  return { authorization: `Bearer ${value}` };
}

/** Signs with every sign route, then presents the valid token and every failing one to every verify route. */
async function exerciseTokens(client: Client): Promise<void> {
  for (const path of SIGN_ROUTES) await client.send({ path });
  for (const { route } of VERIFY_ROUTES) {
    await client.send({ path: `${route}/valid`, headers: bearer(validToken) });
    for (const [name, value] of tokens)
      await client.send({ path: `${route}/${name}`, headers: bearer(value) });
  }
  for (const path of IN_ATTEMPT)
    await client.send({ path, headers: bearer(tokens.get('expired') as string) });
  for (const { path } of MISCONFIGURED) await client.send({ path, headers: bearer(validToken) });
}

const EXPECTED_RECORDS =
  SIGN_ROUTES.length +
  VERIFY_ROUTES.length * FAILURES.length * 2 +
  IN_ATTEMPT.length +
  MISCONFIGURED.length * 2;

/** No token, nor its signature, anywhere in an exported record. */
function expectNoToken(records: readonly ReceivedRecord[], issued: readonly string[]): void {
  const secrets = [...tokens.values(), validToken, ...issued]
    .flatMap((value) => [value, value.split('.')[2]])
    .filter((value): value is string => value !== undefined && value.length > 8);
  for (const record of records) for (const secret of secrets) expect(record.raw).not.toContain(secret);
}

function answers(exchanges: readonly Exchange[]) {
  return exchanges.map(({ path, reply }) => ({ path, status: reply.status, body: reply.body }));
}

const APPS: Array<{ name: string; app: FixtureApp }> = [
  {
    name: 'CommonJS (require, require(esm) of jose)',
    app: { flag: '--require', script: 'tokens-app/app.cjs' },
  },
  { name: 'ES modules (import)', app: { flag: '--import', script: 'tokens-app/app.mjs' } },
];

describe.each(APPS)('tokens, $name', ({ app }) => {
  let records: ReceivedRecord[];
  let stderr: string;
  let exchanges: Exchange[];

  beforeAll(async () => {
    ({ records, stderr, exchanges } = await runWithSecotel(app, exerciseTokens, EXPECTED_RECORDS));
  });

  it('reports each issued token with its subject, id and scopes', () => {
    for (const path of SIGN_ROUTES) expect(eventsAt(records, path)).toEqual([CREATED]);
    expect(recordFor(records, CREATED, '/jsonwebtoken/sign/issue').attributes).toMatchObject({
      'user.name': 'alice',
      'security.token.id': 'token-1',
      'security.token.scopes': ['orders:read', 'orders:write'],
    });
    expect(recordFor(records, CREATED, '/jsonwebtoken/sign-callback/issue').attributes).toMatchObject({
      'user.name': 'alice',
      'security.token.id': 'token-2',
    });
    const jose = recordFor(records, CREATED, '/jose/sign/issue');
    expect(jose.attributes).toMatchObject({
      'user.name': 'bob',
      'security.token.id': 'token-3',
      'security.token.scopes': ['orders:read'],
    });
    expect(jose.body).toBe('token created for bob with scopes orders:read');
  });

  it('reports nothing for a token that verifies', () => {
    for (const { route } of VERIFY_ROUTES) {
      expect(eventsAt(records, `${route}/valid`)).toEqual([]);
      expect(exchanges.find(({ path }) => path === `${route}/valid`)?.reply.status).toBe(200);
    }
  });

  describe.each(FAILURES)('a token that is $name', (failure) => {
    it.each(VERIFY_ROUTES)('is one rejected-token fact at $route', ({ library, route }) => {
      const path = `${route}/${failure.name}`;
      expect(eventsAt(records, path)).toEqual([INVALID, UNAUTHORIZED]);
      const fact = recordFor(records, INVALID, path);
      expect(fact.attributes).toMatchObject({
        'security.reason': failure.reason,
        'error.type': failure.errorType[library],
      });
      expect(fact.attributes['security.token.id']).toBe(failure.id);
      expect(fact.attributes['user.name']).toBeUndefined();
      expect(fact.body).toBe(`token rejected: ${failure.reason} from 127.0.0.1`);
    });
  });

  it('reports a verifier without a usable key as an authentication error, not as a rejected token', () => {
    for (const { path, errorType } of MISCONFIGURED) {
      expect(eventsAt(records, path)).toEqual(['security.authn_error', UNAUTHORIZED]);
      expect(recordFor(records, 'security.authn_error', path).attributes).toMatchObject({
        'security.auth.strategy': 'jwt',
        'error.type': errorType,
      });
    }
  });

  it('leaves a failure inside a passport attempt to the attempt', () => {
    for (const path of IN_ATTEMPT) expect(eventsAt(records, path)).toEqual([UNAUTHORIZED]);
    expect(records).toHaveLength(EXPECTED_RECORDS);
  });

  it('never exports a token', () => {
    const issued = exchanges
      .filter(({ path }) => SIGN_ROUTES.includes(path))
      .map(({ reply }) => JSON.parse(reply.body));
    expect(issued).toHaveLength(3);
    expectNoToken(records, issued);
    expect(stderr).not.toContain('internal error');
  });

  it('gives the app the same answers as without secotel', async () => {
    const bare = await runWithoutSecotel(app.script, exerciseTokens);
    expect(answers(exchanges)).toEqual(answers(bare));
    expect(exchanges.filter(({ reply }) => reply.status === 401)).toHaveLength(
      VERIFY_ROUTES.length * FAILURES.length + IN_ATTEMPT.length + MISCONFIGURED.length,
    );
  });
});

describe.each<{ disabled: Library; kept: Library }>([
  { disabled: 'jsonwebtoken', kept: 'jose' },
  { disabled: 'jose', kept: 'jsonwebtoken' },
])('with $disabled disabled', ({ disabled, kept }) => {
  it(`reports ${kept}'s tokens only`, async () => {
    const { records } = await runWithSecotel(
      {
        flag: '--import',
        script: 'tokens-app/app.mjs',
        env: { SECOTEL_DISABLED_INSTRUMENTATIONS: disabled },
      },
      async (client) => {
        for (const library of [disabled, kept]) {
          await client.send({ path: `/${library}/sign/issue` });
          await client.send({
            path: `/${library}/verify/expired`,
            headers: bearer(tokens.get('expired') as string),
          });
        }
      },
      3,
    );
    expect(eventsAt(records, `/${disabled}/sign/issue`)).toEqual([]);
    expect(eventsAt(records, `/${disabled}/verify/expired`)).toEqual([UNAUTHORIZED]);
    expect(eventsAt(records, `/${kept}/sign/issue`)).toEqual([CREATED]);
    expect(eventsAt(records, `/${kept}/verify/expired`)).toEqual([INVALID, UNAUTHORIZED]);
  });
});

describe.each<FixtureApp>([
  { flag: '--import', script: 'tokens-app/subpaths.mjs' },
  { flag: '--require', script: 'tokens-app/subpaths.cjs' },
])("jose's subpaths, $script", (app) => {
  it('are covered like the main module', async () => {
    const { records } = await runWithSecotel(
      app,
      async (client) => {
        await client.send({ path: '/jose/sign/issue' });
        await client.send({
          path: '/jose/verify/bad-signature',
          headers: bearer(tokens.get('bad-signature') as string),
        });
      },
      3,
    );
    expect(eventsAt(records, '/jose/sign/issue')).toEqual([CREATED]);
    expect(eventsAt(records, '/jose/verify/bad-signature')).toEqual([INVALID, UNAUTHORIZED]);
    expect(recordFor(records, INVALID, '/jose/verify/bad-signature').attributes['security.reason']).toBe(
      'bad_signature',
    );
  });
});
