import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { recordsOfRun } from '../../../test-support/app-run';
import { form, PASSWORDS } from './support/passport-app';

it('reports logins of an ES module application that imports passport', async () => {
  const { records } = await recordsOfRun(
    { flag: '--import', script: resolve(__dirname, 'fixtures/passport-app/esm-app.mjs') },
    async (server) => {
      await server.send(form('/login', { username: 'alice', password: PASSWORDS.alice }));
      await server.send(form('/login', { username: 'alice', password: 'guess-123' }));
    },
    3,
  );
  expect(records.map((record) => [record.eventName, record.attributes['security.reason']])).toEqual([
    ['security.authn_login_success', undefined],
    ['security.request_unauthorized', undefined],
    ['security.authn_login_fail', 'invalid_credentials'],
  ]);
});
