import { describe, expect, it } from 'vitest';
import { recordsOfRun } from '../../../test-support/app-run';
import { form, PASSPORT_APP, PASSWORDS, TOKENS } from './support/passport-app';

const good = { username: 'alice', password: PASSWORDS.alice };
const wrong = { username: 'alice', password: 'guess-123' };

describe('SECOTEL_DISABLED_INSTRUMENTATIONS=passport', () => {
  it('records no passport fact; the HTTP and token layers still report what they see', async () => {
    const { records } = await recordsOfRun(
      {
        flag: '--require',
        script: PASSPORT_APP,
        env: { SECOTEL_DISABLED_INSTRUMENTATIONS: 'passport,express-session' },
      },
      async (server) => {
        await server.send(form('/good/login', good));
        await server.send(form('/bad/login', wrong));
        await server.send(form('/outage/login', { username: 'outage', password: 'x-123' }));
        await server.send({ path: '/expired/token', headers: { authorization: `Bearer ${TOKENS.expired}` } });
      },
      3,
    );
    expect(records.map((record) => `${record.eventName} ${String(record.attributes['url.path'])}`)).toEqual([
      'security.request_unauthorized /bad/login',
      // With no passport attempt around it, the token check passport-jwt makes is a fact of its own.
      'security.authn_token_invalid /expired/token',
      'security.request_unauthorized /expired/token',
    ]);
  });
});

describe('passport without the HTTP layer (http and express disabled)', () => {
  it('still records one outcome per attempt, and a login reported by hand wins', async () => {
    const { records } = await recordsOfRun(
      {
        flag: '--require',
        script: PASSPORT_APP,
        env: { SECOTEL_DISABLED_INSTRUMENTATIONS: 'http,express,express-session' },
      },
      async (server) => {
        await server.send(form('/good/login', good));
        await server.send(form('/bad/login', wrong));
        await server.send(form('/by-hand/callback-reporting', good));
        await server.send(form('/by-hand/login-reporting', wrong));
      },
      4,
    );
    expect(
      records.map((record) => [
        record.eventName,
        record.attributes['security.auth.strategy'],
        record.attributes['user.name'],
        record.attributes['url.path'],
      ]),
    ).toEqual([
      ['security.authn_login_success', 'local', 'alice', undefined],
      ['security.authn_login_fail', 'local', 'alice', undefined],
      ['security.authn_login_success', 'by-hand', 'alice', undefined],
      ['security.authn_login_fail', 'by-hand', 'alice', undefined],
    ]);
  });
});
