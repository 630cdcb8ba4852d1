import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReceivedRecord } from '../../../test-support/otlp-sink';
import { recordFor } from '../../../test-support/records';
import { KeyedHasher } from '../../sdk/src';
import {
  type Client,
  type Exchange,
  eventsAt,
  type FixtureApp,
  runWithoutSecotel,
  runWithSecotel,
} from './support/token-session-apps';

const HASH_KEY = 'session-test-key-0123456789abcdef';
const COOKIE = 'connect.sid';
/** Long enough to finish the request that creates the session, short enough to wait out. */
const BRIEF_MILLIS = 1_000;

const CREATED = 'security.session_created';
const RENEWED = 'security.session_renewed';
const EXPIRED = 'security.session_expired';
const REUSED = 'security.session_use_after_expire';

/** The session cookie a reply set: its value as sent, and the raw session id inside `s:<id>.<signature>`. */
interface SessionCookie {
  value: string;
  id: string;
}

function sessionCookie(setCookie: string | string[] | undefined): SessionCookie | undefined {
  const header = [setCookie ?? []].flat().find((line) => line.startsWith(`${COOKIE}=`));
  if (header === undefined) return undefined;
  const value = header.slice(COOKIE.length + 1).split(';')[0] as string;
  const signed = decodeURIComponent(value);
  return { value, id: signed.slice(2, signed.lastIndexOf('.')) };
}

function presenting(cookie: SessionCookie | string) {
  return { cookie: `${COOKIE}=${typeof cookie === 'string' ? cookie : cookie.value}` };
}

/** The sessions one run of the lifecycle went through, by name. */
type Sessions = Record<'visitor' | 'alice' | 'bob' | 'brief', SessionCookie>;

/**
 * One visitor gets a session, logs in as alice (regenerate), the pre-login id is presented again, alice logs
 * out (destroy) and her id is presented again; bob logs in with no session before; a tampered and an unsigned
 * cookie are presented; a session with a short maxAge is presented after it timed out.
 */
async function exerciseSessions(client: Client): Promise<Sessions> {
  const cookieOf = async (spec: Parameters<Client['send']>[0]) => {
    const cookie = sessionCookie((await client.send(spec)).headers['set-cookie']);
    if (cookie === undefined) throw new Error(`${spec.path} set no session cookie`);
    return cookie;
  };
  await client.send({ path: '/anonymous/first' });
  const visitor = await cookieOf({ path: '/visit/create' });
  await client.send({ path: '/whoami/known', headers: presenting(visitor) });
  const alice = await cookieOf({
    path: '/login/renew?user=alice',
    method: 'POST',
    headers: presenting(visitor),
  });
  await client.send({ path: '/whoami/pre-login-id', headers: presenting(visitor) });
  await client.send({ path: '/logout/logout', method: 'POST', headers: presenting(alice) });
  await client.send({ path: '/whoami/after-logout', headers: presenting(alice) });
  const bob = await cookieOf({ path: '/login/fresh?user=bob', method: 'POST' });
  const forged = `${bob.value.slice(0, 3)}${bob.value[3] === 'A' ? 'B' : 'A'}${bob.value.slice(4)}`;
  await client.send({ path: '/whoami/tampered', headers: presenting(forged) });
  await client.send({ path: '/whoami/unsigned', headers: presenting(bob.id) });
  await client.send({ path: '/whoami/bob', headers: presenting(bob) });
  await client.send({ path: '/admin/bob', headers: presenting(bob) });
  const brief = await cookieOf({ path: `/visit-briefly/short?ms=${BRIEF_MILLIS}` });
  await sleep(BRIEF_MILLIS + 500);
  await client.send({ path: '/whoami/timed-out', headers: presenting(brief) });
  return { visitor, alice, bob, brief };
}

const EXPECTED: Record<string, string[]> = {
  '/anonymous/first': [],
  '/visit/create': [CREATED],
  '/whoami/known': [],
  '/login/renew': [RENEWED],
  '/whoami/pre-login-id': [REUSED],
  '/logout/logout': [EXPIRED],
  '/whoami/after-logout': [REUSED],
  '/login/fresh': [CREATED],
  '/whoami/tampered': [],
  '/whoami/unsigned': [],
  '/whoami/bob': [],
  '/admin/bob': ['security.authz_fail'],
  '/visit-briefly/short': [CREATED],
  '/whoami/timed-out': [EXPIRED, REUSED],
};
const EXPECTED_RECORDS = Object.values(EXPECTED).flat().length;

/** What the app answered, without the session ids that differ from run to run. */
function answers(exchanges: readonly Exchange[]) {
  return exchanges.map(({ path, reply }) => ({
    path,
    status: reply.status,
    body: reply.body,
    setsSession: sessionCookie(reply.headers['set-cookie']) !== undefined,
  }));
}

const APPS: Array<{ name: string; app: FixtureApp }> = [
  { name: 'CommonJS', app: { flag: '--require', script: 'session-app/app.cjs' } },
  { name: 'ES modules', app: { flag: '--import', script: 'session-app/app.mjs' } },
];

describe.each(APPS)('express-session, $name', ({ app }) => {
  const hashed = (cookie: SessionCookie) => new KeyedHasher(HASH_KEY).hash(cookie.id);
  let records: ReceivedRecord[];
  let stderr: string;
  let exchanges: Exchange[];
  let sessions: Sessions;

  beforeAll(async () => {
    ({ records, stderr, exchanges } = await runWithSecotel(
      { ...app, env: { SECOTEL_HASH_KEY: HASH_KEY } },
      async (client) => {
        sessions = await exerciseSessions(client);
      },
      EXPECTED_RECORDS,
    ));
  });

  it('yields exactly the expected session facts for each request', () => {
    const seen = Object.fromEntries(Object.keys(EXPECTED).map((path) => [path, eventsAt(records, path)]));
    expect(seen).toEqual(EXPECTED);
    expect(records).toHaveLength(EXPECTED_RECORDS);
    expect(stderr).not.toContain('internal error');
  });

  it('creates a session when it is first saved, not for a visitor whose session stays empty', () => {
    const created = recordFor(records, CREATED, '/visit/create');
    expect(created.attributes['session.id']).toBe(hashed(sessions.visitor));
    expect(created.body).toBe('session created');
    expect(exchanges[0]?.reply.headers['set-cookie']).toBeUndefined();
  });

  it('renews the session on login (regenerate) under the new id, for the user', () => {
    const renewed = recordFor(records, RENEWED, '/login/renew');
    expect(renewed.attributes).toMatchObject({ 'session.id': hashed(sessions.alice), 'user.name': 'alice' });
    expect(renewed.body).toBe('session renewed for alice');
    expect(sessions.alice.id).not.toBe(sessions.visitor.id);
  });

  it('creates, not renews, the session of a login that had none', () => {
    const created = recordFor(records, CREATED, '/login/fresh');
    expect(created.attributes).toMatchObject({ 'session.id': hashed(sessions.bob), 'user.name': 'bob' });
  });

  it('ends the session on logout (destroy)', () => {
    const expired = recordFor(records, EXPIRED, '/logout/logout');
    expect(expired.attributes).toMatchObject({
      'session.id': hashed(sessions.alice),
      'security.reason': 'logout',
    });
    expect(expired.body).toBe('session expired: logout');
  });

  it('reports an id presented after regenerate or destroy, with that id', () => {
    expect(recordFor(records, REUSED, '/whoami/pre-login-id').attributes['session.id']).toBe(
      hashed(sessions.visitor),
    );
    const reused = recordFor(records, REUSED, '/whoami/after-logout');
    expect(reused.attributes).toMatchObject({
      'session.id': hashed(sessions.alice),
      'client.address': '127.0.0.1',
    });
    expect(reused.severityText).toBe('CRITICAL');
    expect(reused.body).toBe('expired session presented from 127.0.0.1');
  });

  it('reports the timeout of a session presented after its maxAge, then its reuse', () => {
    const path = '/whoami/timed-out';
    expect(recordFor(records, EXPIRED, path).attributes).toMatchObject({
      'session.id': hashed(sessions.brief),
      'security.reason': 'timeout',
    });
    expect(recordFor(records, REUSED, path).attributes['session.id']).toBe(hashed(sessions.brief));
  });

  it("gives the request's other facts the session of the request", () => {
    expect(recordFor(records, 'security.authz_fail', '/admin/bob').attributes['session.id']).toBe(
      hashed(sessions.bob),
    );
  });

  it('exports session ids only as keyed hashes', () => {
    const raw = Object.values(sessions).flatMap((cookie) => [cookie.id, cookie.value]);
    for (const record of records) {
      for (const secret of raw) expect(record.raw).not.toContain(secret);
      expect(record.attributes['session.id']).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('gives the app the same answers as without secotel', async () => {
    const bare = await runWithoutSecotel(app.script, async (client) => {
      await exerciseSessions(client);
    });
    expect(answers(exchanges)).toEqual(answers(bare));
    expect(JSON.parse(exchanges.find(({ path }) => path === '/whoami/bob')?.reply.body ?? '')).toEqual({
      user: 'bob',
      views: 0,
    });
  });
});

describe('express-session disabled', () => {
  it('reports no session facts', async () => {
    const { records, exchanges } = await runWithSecotel(
      {
        flag: '--require',
        script: 'session-app/app.cjs',
        env: { SECOTEL_DISABLED_INSTRUMENTATIONS: 'express-session' },
      },
      async (client) => {
        const reply = await client.send({ path: '/login/renew?user=alice', method: 'POST' });
        const alice = sessionCookie(reply.headers['set-cookie']) as SessionCookie;
        await client.send({ path: '/logout/logout', method: 'POST', headers: presenting(alice) });
        await client.send({ path: '/whoami/after-logout', headers: presenting(alice) });
      },
      0,
    );
    expect(exchanges.map(({ reply }) => reply.status)).toEqual([200, 200, 200]);
    expect(records).toEqual([]);
  });
});
