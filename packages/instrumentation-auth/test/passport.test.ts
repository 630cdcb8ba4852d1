import { KeyedHasher } from '@secotel/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppProcess } from '../../../test-support/app-process';
import { recordsOfRun } from '../../../test-support/app-run';
import type { ReceivedRecord } from '../../../test-support/otlp-sink';
import { recordsFor } from '../../../test-support/records';
import { form, PASSPORT_APP, PASSPORT_VERSIONS, PASSWORDS, SECRETS } from './support/passport-app';
import { SCENARIOS, type Scenario, tagOf } from './support/passport-scenarios';

const HASH_KEY = 'passport-test-hash-key-5e2a';
/** Logins and user ids the app knows, none of which may show in anonymization or disabled mode. */
const IDENTITIES = [
  'alice',
  'bob@example.com',
  'carol',
  'mallory',
  'outage',
  '64b7f0c2a1e4d5f6a7b8c9d0',
  '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  'account-1',
];
const MODES = [
  { mode: 'identification', env: {} },
  { mode: 'anonymization', env: { SECOTEL_USER_TRACKING: 'anonymization', SECOTEL_HASH_KEY: HASH_KEY } },
  { mode: 'disabled', env: { SECOTEL_USER_TRACKING: 'disabled' } },
] as const;
type Mode = (typeof MODES)[number]['mode'];

const LOGIN_FACTS = new Set([
  'security.authn_login_success',
  'security.authn_login_fail',
  'security.authn_error',
]);

/** The attributes a login fact carries in `mode`, from those it carries in identification mode. */
function expectedIn(mode: Mode, attributes: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { 'user.id': id, 'user.name': name, ...rest } = attributes;
  if (mode === 'identification') return { ...attributes };
  if (mode === 'disabled' || (id === undefined && name === undefined)) return rest;
  return { ...rest, 'user.hash': new KeyedHasher(HASH_KEY).hash(String(name ?? id)) };
}

/** The user.*, security.* and error.* attributes of a record; the others come from the HTTP layer. */
function ownAttributes(record: ReceivedRecord): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record.attributes).filter(
      ([key]) => /^(user|security|error)\./.test(key) && key !== 'security.category',
    ),
  );
}

describe.each(PASSPORT_VERSIONS)('passport $version', ({ version, env: versionEnv }) => {
  describe.each(MODES)('user tracking: $mode', ({ mode, env: modeEnv }) => {
    let records: ReceivedRecord[];
    const statuses = new Map<Scenario, number>();
    let contextUser: unknown;
    let sessionStatus: number;
    let runningVersion: string;

    beforeAll(async () => {
      const expected = SCENARIOS.reduce((sum, scenario) => sum + scenario.facts.length, 0) + 2;
      ({ records } = await recordsOfRun(
        {
          flag: '--require',
          script: PASSPORT_APP,
          // Session facts are the express-session instrumentation's; these tests count passport's alone.
          env: { ...versionEnv, ...modeEnv, SECOTEL_DISABLED_INSTRUMENTATIONS: 'express-session' },
        },
        async (server: AppProcess) => {
          runningVersion = (await server.send({ path: '/passport-version' })).body;
          for (const scenario of SCENARIOS) {
            statuses.set(scenario, (await server.send(scenario.request(tagOf(scenario)))).status);
          }
          contextUser = JSON.parse(
            (
              await server.send(
                form('/whoami/whoami', {
                  username: 'alice',
                  password: PASSWORDS.alice,
                }),
              )
            ).body,
          );
          const login = await server.send(
            form('/session-login/login', { username: 'alice', password: PASSWORDS.alice }),
          );
          const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
          sessionStatus = (await server.send({ path: '/session-use/me', headers: { cookie } })).status;
        },
        expected,
      ));
    });

    it(`runs passport ${version}`, () => {
      expect(runningVersion).toBe(`${version}.0`);
    });

    it.each(SCENARIOS)('$name: exactly the expected facts', (scenario) => {
      expect(statuses.get(scenario)).toBe(scenario.status);
      const own = recordsFor(records, scenario.request(tagOf(scenario)).path);
      expect(own.map((record) => record.eventName.replace(/^security\./, '')).sort()).toEqual(
        [...scenario.facts].sort(),
      );
      const login = own.filter((record) => LOGIN_FACTS.has(record.eventName));
      expect(login).toHaveLength(1);
      expect(ownAttributes(login[0] as ReceivedRecord)).toEqual(expectedIn(mode, scenario.attributes));
    });

    it('sets the logged-in user on the request context', () => {
      expect(contextUser).toEqual({ id: '1', name: 'alice', roles: ['user'] });
    });

    it('records nothing for a request the session authenticates', () => {
      expect(sessionStatus).toBe(200);
      expect(recordsFor(records, '/session-use/me')).toEqual([]);
      expect(recordsFor(records, '/session-login/login').map((r) => r.eventName)).toEqual([
        'security.authn_login_success',
      ]);
    });

    it('never exports a password, a token or a signing key', () => {
      for (const record of records) {
        for (const secret of SECRETS) expect(record.raw).not.toContain(secret);
      }
    });

    if (mode !== 'identification') {
      it('exports no login or user id anywhere in a record, body included', () => {
        for (const record of records) {
          for (const identity of IDENTITIES) expect(record.raw).not.toContain(identity);
          expect(record.raw).not.toMatch(/"user\.(id|name)"/);
        }
      });
    }
  });
});
