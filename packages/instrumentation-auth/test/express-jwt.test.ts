// express-jwt 8 against real requests: its verification failures are jsonwebtoken's (reported with their
// precise reason by that instrumentation, once), and what only the middleware knows is its own fact: a revoked
// token presented again, a malformed Bearer header, a key lookup that failed. The app's answers are the same
// with and without secotel.
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

let headers: Record<string, Record<string, string>>;

beforeAll(async () => {
  headers = {
    valid: bearer(await shopToken({ id: 't-valid' })),
    expired: bearer(await shopToken({ id: 't-expired', change: (jwt) => jwt.setExpirationTime(NOW - 30) })),
    forged: bearer(await shopToken({ id: 't-forged', key: OTHER_KEY })),
    'wrong-audience': bearer(await shopToken({ id: 't-aud', change: (jwt) => jwt.setAudience('billing') })),
    'alg-none': bearer(new UnsecuredJWT({ jti: 't-none' }).setSubject('admin').setAudience('shop').encode()),
    garbage: bearer('not-a-jwt'),
    revoked: bearer(await shopToken({ id: 't-revoked' })),
    'bearer-without-token': { authorization: 'Bearer' },
    'bearer-two-parts': { authorization: 'Bearer a b' },
    'basic-scheme': { authorization: 'Basic YWxpY2U6c2VjcmV0' },
    missing: {},
    'key-lost': bearer(await shopToken({ id: 't-lost', kid: 'lost' })),
    'key-found': bearer(await shopToken({ id: 't-found', kid: 'current' })),
  };
});

async function exercise(client: Client): Promise<void> {
  for (const [name, value] of Object.entries(headers)) {
    const base = name.startsWith('key-') ? '/api/keyed/orders' : '/api/orders';
    await client.send({ path: `${base}/${name}`, headers: value });
  }
  await client.send({ path: '/public/page' });
}

/** Seven refusals with a token fact, four with only the 401, and the failed key lookup. */
const EXPECTED_RECORDS = 7 * 2 + 4 + 1;

const APPS: Array<{ name: string; app: FixtureApp }> = [
  { name: 'CommonJS', app: { flag: '--require', script: 'express-jwt-app/app.cjs' } },
  { name: 'ES modules (named import)', app: { flag: '--import', script: 'express-jwt-app/app.mjs' } },
];

describe.each(APPS)('express-jwt, $name', ({ app }) => {
  let records: ReceivedRecord[];
  let stderr: string;
  let exchanges: Exchange[];

  beforeAll(async () => {
    ({ records, stderr, exchanges } = await runWithSecotel(app, exercise, EXPECTED_RECORDS));
  });

  it.each([
    ['expired', 'expired', 't-expired'],
    ['forged', 'bad_signature', 't-forged'],
    ['wrong-audience', 'wrong_audience', 't-aud'],
    ['alg-none', 'alg_not_allowed', 't-none'],
    ['garbage', 'malformed', undefined],
  ])('reports a %s token once, with reason %s', (name, reason, id) => {
    const path = `/api/orders/${name}`;
    expect(eventsAt(records, path)).toEqual([INVALID, UNAUTHORIZED]);
    const { attributes } = recordFor(records, INVALID, path);
    expect(attributes['security.reason']).toBe(reason);
    expect(attributes['security.token.id']).toBe(id);
  });

  it('reports a revoked token presented again, with its id and subject', () => {
    const path = '/api/orders/revoked';
    expect(eventsAt(records, path)).toEqual(['security.authn_token_reuse', UNAUTHORIZED]);
    expect(recordFor(records, 'security.authn_token_reuse', path).attributes).toMatchObject({
      'security.token.id': 't-revoked',
      'user.name': 'alice',
    });
  });

  it.each(['bearer-without-token', 'bearer-two-parts'])('reports a malformed Bearer header (%s)', (name) => {
    const path = `/api/orders/${name}`;
    expect(eventsAt(records, path)).toEqual([INVALID, UNAUTHORIZED]);
    expect(recordFor(records, INVALID, path).attributes).toMatchObject({
      'security.reason': 'malformed',
      'security.auth.scheme': 'Bearer',
      'error.type': 'credentials_bad_format',
    });
  });

  it('reports only the refusal for a missing token or another scheme', () => {
    expect(eventsAt(records, '/api/orders/missing')).toEqual([UNAUTHORIZED]);
    expect(eventsAt(records, '/api/orders/basic-scheme')).toEqual([UNAUTHORIZED]);
    expect(recordFor(records, UNAUTHORIZED, '/api/orders/missing').attributes['security.auth.scheme']).toBe(
      'Bearer',
    );
  });

  it('reports a failed key lookup as an authentication error, not as a bad token', () => {
    expect(eventsAt(records, '/api/keyed/orders/key-lost')).toEqual(['security.authn_error']);
    expect(recordFor(records, 'security.authn_error', '/api/keyed/orders/key-lost').attributes).toMatchObject(
      {
        'security.auth.strategy': 'jwt',
        'error.type': 'ECONNREFUSED',
      },
    );
  });

  it('reports nothing for accepted tokens and exempt paths', () => {
    for (const path of ['/api/orders/valid', '/api/keyed/orders/key-found', '/public/page']) {
      expect(eventsAt(records, path)).toEqual([]);
    }
    expect(exchanges.find((e) => e.path === '/api/orders/valid')?.reply.body).toBe('{"for":"alice"}');
    expect(records).toHaveLength(EXPECTED_RECORDS);
    expect(stderr).toBe('');
  });

  it('answers exactly as without secotel', async () => {
    const bare = await runWithoutSecotel(app.script, exercise);
    const strip = (list: readonly Exchange[]) =>
      list.map(({ path, reply }) => ({
        path,
        status: reply.status,
        body: reply.body,
        headers: { ...reply.headers, date: undefined },
      }));
    expect(strip(exchanges)).toEqual(strip(bare));
  });
});
