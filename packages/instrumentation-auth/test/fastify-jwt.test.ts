// @fastify/jwt 10 against real requests: fast-jwt's failures with their precise reasons, tokens it signs, and
// tokens its `trusted` check refuses (revoked, presented again). The app's answers are the same with and
// without secotel.
import { UnsecuredJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReceivedRecord } from '../../../test-support/otlp-sink';
import { recordFor } from '../../../test-support/records';
import { bearer, NOW, OTHER_KEY, shopToken } from './support/shop-tokens';
import {
  type Client,
  type Exchange,
  eventsAt,
  type FixtureApp,
  runWithoutSecotel,
  runWithSecotel,
} from './support/token-session-apps';

const INVALID = 'security.authn_token_invalid';
const UNAUTHORIZED = 'security.request_unauthorized';

/** Each refused token, the reason its fact must give and the jti it carries. */
const FAILURES: Array<[name: string, reason: string, id: string | undefined]> = [
  ['expired', 'expired', 't-expired'],
  ['not-yet-valid', 'not_yet_valid', 't-nbf'],
  ['forged', 'bad_signature', 't-forged'],
  ['wrong-audience', 'wrong_audience', 't-aud'],
  ['wrong-issuer', 'wrong_issuer', 't-iss'],
  ['alg-none', 'alg_not_allowed', 't-none'],
  ['alg-hs512', 'alg_not_allowed', 't-hs512'],
  ['garbage', 'malformed', undefined],
  ['no-jti', 'invalid_claim', undefined],
];

let headers: Record<string, Record<string, string>>;

beforeAll(async () => {
  headers = {
    valid: bearer(await shopToken({ id: 't-valid' })),
    expired: bearer(await shopToken({ id: 't-expired', change: (jwt) => jwt.setExpirationTime(NOW - 30) })),
    'not-yet-valid': bearer(await shopToken({ id: 't-nbf', change: (jwt) => jwt.setNotBefore(NOW + 3600) })),
    forged: bearer(await shopToken({ id: 't-forged', key: OTHER_KEY })),
    'wrong-audience': bearer(await shopToken({ id: 't-aud', change: (jwt) => jwt.setAudience('billing') })),
    'wrong-issuer': bearer(
      await shopToken({ id: 't-iss', change: (jwt) => jwt.setIssuer('https://elsewhere.test') }),
    ),
    'alg-none': bearer(
      new UnsecuredJWT({ jti: 't-none' })
        .setSubject('admin')
        .setAudience('shop')
        .setIssuer('https://issuer.test')
        .encode(),
    ),
    'alg-hs512': bearer(await shopToken({ id: 't-hs512', alg: 'HS512' })),
    garbage: bearer('not-a-jwt'),
    'no-jti': bearer(await shopToken({})),
    revoked: bearer(await shopToken({ id: 't-revoked' })),
    missing: {},
  };
});

async function exercise(client: Client): Promise<void> {
  for (const [name, value] of Object.entries(headers)) {
    await client.send({ path: `/api/orders/${name}`, headers: value });
  }
  await client.send({ path: '/login/issue', method: 'POST' });
  for (const form of DIRECT_FORMS) {
    for (const name of ['valid', 'expired', 'forged']) {
      await client.send({ path: `/direct/${form}/${name}`, headers: headers[name] });
    }
  }
}

/** fast-jwt used directly with an asynchronous key: the promise and the callback form of its verifiers. */
const DIRECT_FORMS = ['promise', 'callback'];

/** Every failure and the revoked token with their 401, the missing token's 401 and the issued token. */
const EXPECTED_RECORDS = (FAILURES.length + 1) * 2 + 1 + 1 + DIRECT_FORMS.length * 2 * 2;

const APPS: Array<{ name: string; app: FixtureApp }> = [
  { name: 'ES modules (default import)', app: { flag: '--import', script: 'fastify-jwt-app/app.mjs' } },
  { name: 'CommonJS', app: { flag: '--require', script: 'fastify-jwt-app/app.cjs' } },
];

describe.each(APPS)('@fastify/jwt, $name', ({ app }) => {
  let records: ReceivedRecord[];
  let stderr: string;
  let exchanges: Exchange[];

  beforeAll(async () => {
    ({ records, stderr, exchanges } = await runWithSecotel(app, exercise, EXPECTED_RECORDS));
  });

  it.each(FAILURES)('reports a %s token with reason %s', (name, reason, id) => {
    const path = `/api/orders/${name}`;
    expect(eventsAt(records, path)).toEqual([INVALID, UNAUTHORIZED]);
    const { attributes } = recordFor(records, INVALID, path);
    expect(attributes['security.reason']).toBe(reason);
    expect(attributes['security.token.id']).toBe(id);
    expect(attributes['http.route']).toBe('/api/orders/:case');
    expect(String(attributes['error.type'])).toMatch(/^FAST_JWT_/);
  });

  it.each(DIRECT_FORMS)('reports failures of a verifier with an asynchronous key (%s form)', (form) => {
    expect(eventsAt(records, `/direct/${form}/valid`)).toEqual([]);
    for (const [name, reason] of [
      ['expired', 'expired'],
      ['forged', 'bad_signature'],
    ]) {
      const path = `/direct/${form}/${name}`;
      expect(eventsAt(records, path)).toEqual([INVALID, UNAUTHORIZED]);
      expect(recordFor(records, INVALID, path).attributes['security.reason']).toBe(reason);
    }
  });

  it('reports a token the trusted check refuses as a revoked token presented again', () => {
    const path = '/api/orders/revoked';
    expect(eventsAt(records, path)).toEqual(['security.authn_token_reuse', UNAUTHORIZED]);
    expect(recordFor(records, 'security.authn_token_reuse', path).attributes).toMatchObject({
      'security.token.id': 't-revoked',
      'user.name': 'alice',
    });
  });

  it('reports each issued token with its subject, id and scopes', () => {
    expect(recordFor(records, 'security.authn_token_created', '/login/issue').attributes).toMatchObject({
      'user.name': 'alice',
      'security.token.id': 'issued-1',
      'security.token.scopes': ['orders:read'],
    });
  });

  it('reports nothing of its own for an accepted token or a missing one', () => {
    expect(eventsAt(records, '/api/orders/valid')).toEqual([]);
    expect(eventsAt(records, '/api/orders/missing')).toEqual([UNAUTHORIZED]);
    expect(exchanges.find((e) => e.path === '/api/orders/valid')?.reply.body).toBe('{"for":"alice"}');
    expect(records).toHaveLength(EXPECTED_RECORDS);
    expect(stderr).toBe('');
  });

  it('answers exactly as without secotel', async () => {
    const bare = await runWithoutSecotel(app.script, exercise);
    // The issued token carries the second it was signed in; everything else must be identical.
    const strip = (list: readonly Exchange[]) =>
      list.map(({ path, reply }) => ({
        path,
        status: reply.status,
        body: path === '/login/issue' ? JSON.parse(reply.body).token.split('.').length : reply.body,
        headers: { ...reply.headers, date: undefined },
      }));
    expect(strip(exchanges)).toEqual(strip(bare));
  });
});
