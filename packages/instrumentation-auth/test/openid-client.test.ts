// openid-client 6 against a real OpenID Connect provider (oidc-provider) on loopback: full authorization code
// logins through the provider's redirects, and the ways they go wrong - a forged state, a nonce that does not
// match, the user refusing, an authorization code replayed, an ID Token judged by a clock two hours ahead, a
// stolen code injected without a login, a refresh token the provider refuses, the provider gone.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppProcess } from '../../../test-support/app-process';
import { recordsOfRun } from '../../../test-support/app-run';
import type { ReceivedRecord } from '../../../test-support/otlp-sink';
import { recordFor } from '../../../test-support/records';
import { Browser } from './support/browser';
import { eventsAt } from './support/token-session-apps';

const FIXTURES = resolve(__dirname, 'fixtures/oidc-app');

const FAIL = 'security.authn_login_fail';
const UNAUTHORIZED = 'security.request_unauthorized';

/** Each failed login: how it is provoked and the reason its fact must give. */
const FAILED_LOGINS: Array<[name: string, reason: string]> = [
  ['state-mismatch', 'state_mismatch'],
  ['nonce-mismatch', 'nonce_mismatch'],
  ['deny', 'access_denied'],
  ['replay', 'invalid_grant'],
  ['skewed', 'id_token_expired'],
  ['injected', 'state_mismatch'],
];

async function exercise(app: AppProcess, provider: AppProcess, answers: Map<string, unknown>): Promise<void> {
  const base = `http://127.0.0.1:${app.port}`;
  const login = async (name: string, tamper?: (callback: URL) => void) => {
    const browser = new Browser();
    const reply = await browser.follow(`${base}/login/${name}`, tamper);
    answers.set(name, reply.body);
    return { browser, reply };
  };
  await login('ok');
  await login('state-mismatch', (callback) => callback.searchParams.set('state', 'forged-state'));
  await login('nonce-mismatch');
  await login('deny');
  await login('skewed');
  const replayed = await login('replay');
  answers.set('replay-again', (await replayed.browser.follow(replayed.reply.callback as string)).body);
  // A code and state taken from someone else's login, presented without having started one.
  const stolen = new URL(replayed.reply.callback as string);
  const injected = `${base}/cb/injected?${stolen.searchParams}`;
  answers.set('injected', (await new Browser().follow(injected)).body);
  answers.set('refresh-bogus', (await new Browser().follow(`${base}/refresh/bogus?token=not-a-token`)).body);
  await provider.stop();
  answers.set('refresh-down', (await new Browser().follow(`${base}/refresh/down?token=any`)).body);
}

/** Two logins that succeed, each failed login and both refreshes, every failure with its 401. */
const EXPECTED_RECORDS = 2 + (FAILED_LOGINS.length + 2) * 2;

const APPS: Array<{ name: string; flag: '--import' | '--require'; script: string }> = [
  { name: 'ES modules (import * as client)', flag: '--import', script: 'app.mjs' },
  { name: 'CommonJS (require(esm))', flag: '--require', script: 'app.cjs' },
];

describe.each(APPS)('openid-client, $name', ({ flag, script }) => {
  let provider: AppProcess;
  let records: ReceivedRecord[];
  let stderr: string;
  const answers = new Map<string, unknown>();

  beforeAll(async () => {
    provider = await AppProcess.start(['provider.mjs'], FIXTURES);
    ({ records, stderr } = await recordsOfRun(
      { flag, script, cwd: FIXTURES, env: { OIDC_ISSUER: `http://127.0.0.1:${provider.port}` } },
      (app) => exercise(app, provider, answers),
      EXPECTED_RECORDS,
    ));
  });

  afterAll(async () => {
    await provider?.stop();
  });

  it('reports a completed login with the user the ID Token names', () => {
    expect(answers.get('ok')).toBe('{"sub":"alice"}');
    expect(eventsAt(records, '/cb/ok')).toEqual(['security.authn_login_success']);
    expect(recordFor(records, 'security.authn_login_success', '/cb/ok').attributes).toMatchObject({
      'security.auth.strategy': 'oidc',
      'user.id': 'alice',
      'user.name': 'alice',
    });
  });

  it.each(FAILED_LOGINS)('reports the failed login %s with reason %s', (name, reason) => {
    const path = `/cb/${name}`;
    expect(eventsAt(records, path).filter((event) => event !== 'security.authn_login_success')).toEqual([
      FAIL,
      UNAUTHORIZED,
    ]);
    expect(recordFor(records, FAIL, path).attributes).toMatchObject({
      'security.reason': reason,
      'security.auth.strategy': 'oidc',
    });
  });

  it('reports a refresh token the provider refuses as a rejected token', () => {
    expect(eventsAt(records, '/refresh/bogus')).toEqual(['security.authn_token_invalid', UNAUTHORIZED]);
    expect(recordFor(records, 'security.authn_token_invalid', '/refresh/bogus').attributes).toMatchObject({
      'security.reason': 'refresh_rejected',
      'error.type': 'invalid_grant',
    });
  });

  it('reports an unreachable provider as an authentication error, not as a failed token', () => {
    expect(eventsAt(records, '/refresh/down')).toEqual(['security.authn_error', UNAUTHORIZED]);
    expect(recordFor(records, 'security.authn_error', '/refresh/down').attributes).toMatchObject({
      'security.auth.strategy': 'oidc',
    });
    expect(records).toHaveLength(EXPECTED_RECORDS);
    expect(stderr).toBe('');
  });
});
