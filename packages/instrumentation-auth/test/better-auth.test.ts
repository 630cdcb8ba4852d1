// better-auth 1.7 against real requests to its node handler: sign-up, failed and successful sign-ins, a
// password change refused and accepted, another device's session revoked, a password reset through the e-mailed
// token and one with a forged token, sign-out, the old password refused, and an administrator banning the account
// (the admin plugin's lockout), after which its sign-in is refused. better-auth has no lockout after failed
// logins (its rate limiter answers 429, which the HTTP layer reports as excess_rate_limit_exceeded).
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppProcess } from '../../../test-support/app-process';
import { recordsOfRun } from '../../../test-support/app-run';
import type { ReceivedRecord } from '../../../test-support/otlp-sink';
import { Browser } from './support/browser';

const FIXTURES = resolve(__dirname, 'fixtures/better-auth-app');
const ALICE = 'alice@shop.test';

/** Drives the app; returns each answer's status and better-auth error code, in order. */
async function exercise(app: AppProcess): Promise<string[]> {
  const base = `http://127.0.0.1:${app.port}`;
  const answers: string[] = [];
  const post = async (browser: Browser, path: string, body: object) => {
    const reply = await browser.send(`${base}/api/auth${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify(body),
    });
    const json = reply.body.startsWith('{')
      ? (JSON.parse(reply.body) as { code?: string; user?: { id: string } })
      : {};
    answers.push(`${path} ${reply.status}${json.code ? ` ${json.code}` : ''}`);
    return json;
  };
  const laptop = new Browser();
  const phone = new Browser();
  const alice = await post(laptop, '/sign-up/email', {
    email: ALICE,
    password: 'correct-horse-1',
    name: 'Alice',
  });
  await post(new Browser(), '/sign-up/email', { email: ALICE, password: 'another-one-9', name: 'Eve' });
  await post(laptop, '/sign-in/email', { email: ALICE, password: 'wrong-password' });
  await post(laptop, '/sign-in/email', { email: 'mallory@shop.test', password: 'correct-horse-1' });
  await post(laptop, '/sign-in/email', { email: ALICE, password: 'correct-horse-1' });
  await post(laptop, '/change-password', {
    currentPassword: 'not-my-password',
    newPassword: 'battery-staple-2',
  });
  await post(laptop, '/change-password', {
    currentPassword: 'correct-horse-1',
    newPassword: 'battery-staple-2',
  });
  await post(phone, '/sign-in/email', { email: ALICE, password: 'battery-staple-2' });
  await post(laptop, '/revoke-other-sessions', {});
  await post(laptop, '/request-password-reset', { email: ALICE, redirectTo: `${base}/reset` });
  const token = (await laptop.send(`${base}/outbox/${encodeURIComponent(ALICE)}`)).body;
  await post(laptop, '/reset-password', { newPassword: 'forged-reset-3', token: 'not-the-token' });
  await post(laptop, '/reset-password', { newPassword: 'mailed-reset-4', token });
  await post(laptop, '/sign-out', {});
  await post(laptop, '/sign-in/email', { email: ALICE, password: 'correct-horse-1' });
  const root = new Browser();
  await post(root, '/sign-up/email', { email: 'root@shop.test', password: 'root-password-5', name: 'Root' });
  await post(root, '/admin/ban-user', { userId: alice.user?.id, banReason: 'chargebacks' });
  await post(new Browser(), '/sign-in/email', { email: ALICE, password: 'mailed-reset-4' });
  return answers;
}

/** The facts each answer must give, in order (the HTTP layer's refusals included). */
const EXPECTED: Array<[event: string, attributes: Record<string, unknown>]> = [
  ['security.user_created', {}],
  ['security.authn_login_fail', { 'user.name': ALICE, 'security.reason': 'invalid_email_or_password' }],
  ['security.request_unauthorized', { 'url.path': '/api/auth/sign-in/email' }],
  [
    'security.authn_login_fail',
    { 'user.name': 'mallory@shop.test', 'security.reason': 'invalid_email_or_password' },
  ],
  ['security.request_unauthorized', { 'url.path': '/api/auth/sign-in/email' }],
  ['security.authn_login_success', { 'user.name': ALICE, 'security.auth.strategy': 'email' }],
  ['security.authn_password_change_fail', { 'user.name': ALICE, 'security.reason': 'invalid_password' }],
  ['security.request_rejected', { 'url.path': '/api/auth/change-password' }],
  ['security.authn_password_change', { 'user.name': ALICE }],
  ['security.authn_login_success', { 'user.name': ALICE }],
  ['security.session_expired', { 'user.name': ALICE, 'security.reason': 'revoked' }],
  ['security.authn_password_change_fail', { 'security.reason': 'invalid_token' }],
  ['security.request_rejected', { 'url.path': '/api/auth/reset-password' }],
  ['security.authn_password_change', {}],
  ['security.session_expired', { 'security.reason': 'logout' }],
  ['security.authn_login_fail', { 'user.name': ALICE, 'security.reason': 'invalid_email_or_password' }],
  ['security.request_unauthorized', { 'url.path': '/api/auth/sign-in/email' }],
  ['security.user_created', {}],
  ['security.authn_login_lock', { 'user.name': ALICE, 'security.reason': 'other' }],
  ['security.authn_login_fail', { 'user.name': ALICE, 'security.reason': 'banned_user' }],
  ['security.authz_fail', { 'url.path': '/api/auth/sign-in/email', 'http.response.status_code': 403 }],
];

describe('better-auth', () => {
  let records: ReceivedRecord[];
  let answers: string[] = [];

  it('reports each authentication decision, once, in order', async () => {
    ({ records } = await recordsOfRun(
      { flag: '--import', script: 'app.mjs', cwd: FIXTURES },
      async (app) => {
        answers = await exercise(app);
      },
      EXPECTED.length,
    ));
    expect(records.map((record) => record.eventName)).toEqual(EXPECTED.map(([event]) => event));
    records.forEach((record, index) => {
      expect(record.attributes).toMatchObject((EXPECTED[index] as [string, object])[1]);
    });
    expect(records[0]?.attributes['security.target_user.id']).toEqual(expect.any(String));
  });

  it('answers exactly as without secotel', async () => {
    const app = await AppProcess.start(['app.mjs'], FIXTURES);
    let bare: string[];
    try {
      bare = await exercise(app);
    } finally {
      await app.stop();
    }
    expect(answers).toEqual(bare);
    expect(answers).toContain('/sign-up/email 422 USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL');
  });
});
