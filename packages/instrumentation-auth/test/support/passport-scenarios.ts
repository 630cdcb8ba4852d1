import type { RequestSpec } from '../../../../test-support/app-process';
import { basicAuth, form, json, PASSWORDS, TOKENS } from './passport-app';

export interface Scenario {
  readonly name: string;
  /** The request, under a path of its own (`/<tag>/...`). */
  readonly request: (tag: string) => RequestSpec;
  readonly status: number;
  /** Every security fact the request yields, by short name, in any order. */
  readonly facts: readonly string[];
  /** The login fact's user.* and security.* attributes (and error.type) in identification mode, exactly. */
  readonly attributes: Readonly<Record<string, unknown>>;
}

const FAILED_401 = ['authn_login_fail', 'request_unauthorized'];
const ALICE = { 'user.id': '1', 'user.name': 'alice', 'user.roles': ['user'] };
const LOCAL_SUCCESS = { ...ALICE, 'security.auth.strategy': 'local', 'security.outcome': 'success' };
const LOCAL_FAILURE = { 'security.auth.strategy': 'local', 'security.outcome': 'failure' };
const JWT_FAILURE = { 'security.auth.strategy': 'jwt', 'security.outcome': 'failure' };
const good = { username: 'alice', password: PASSWORDS.alice };
const wrong = { username: 'alice', password: 'guess-123' };
/** What the app's own loginSuccess / loginFailure calls record. */
const BY_HAND_SUCCESS = {
  'user.id': '1',
  'user.name': 'alice',
  'security.auth.strategy': 'by-hand',
  'security.outcome': 'success',
};
const BY_HAND_FAILURE = {
  'user.name': 'alice',
  'security.auth.strategy': 'by-hand',
  'security.outcome': 'failure',
  'security.reason': 'by_hand',
};
const REFUSED = { 'user.name': 'alice', ...LOCAL_FAILURE, 'security.reason': 'incorrect_password' };

/** alice's good password posted to one of the app's passport-local routes. */
function localLogin(name: string, route: string, status = 200): Scenario {
  return {
    name,
    request: (tag) => form(`/${tag}/${route}`, good),
    status,
    facts: ['authn_login_success'],
    attributes: LOCAL_SUCCESS,
  };
}

/** A wrong password for alice posted to one of the app's passport-local routes. */
function localRefusal(name: string, route: string, status = 401, facts = FAILED_401): Scenario {
  return { name, request: (tag) => form(`/${tag}/${route}`, wrong), status, facts, attributes: REFUSED };
}

const bearer = (token: string) => (tag: string) => ({
  path: `/${tag}/token`,
  headers: { authorization: `Bearer ${token}` },
});
const basic = (user: string, password: string) => (tag: string) => ({
  path: `/${tag}/basic`,
  headers: { authorization: basicAuth(user, password) },
});

export const SCENARIOS: readonly Scenario[] = [
  localLogin('good password', 'login'),
  localRefusal('bad password', 'login'),
  {
    name: 'unknown user (the login is cut out of the message)',
    request: (tag) => form(`/${tag}/login`, { username: 'mallory', password: 'x-123' }),
    status: 401,
    facts: FAILED_401,
    attributes: { 'user.name': 'mallory', ...LOCAL_FAILURE, 'security.reason': 'unknown_user' },
  },
  {
    name: 'missing password',
    request: (tag) => form(`/${tag}/login`, { username: 'alice' }),
    status: 400,
    facts: ['authn_login_fail', 'request_rejected'],
    attributes: { 'user.name': 'alice', ...LOCAL_FAILURE, 'security.reason': 'missing_credentials' },
  },
  {
    name: 'strategy error (user store down)',
    request: (tag) => form(`/${tag}/login`, { username: 'outage', password: 'x-123' }),
    status: 500,
    facts: ['authn_error'],
    attributes: { 'user.name': 'outage', 'security.auth.strategy': 'local', 'error.type': 'ECONNREFUSED' },
  },
  {
    name: 'nested JSON fields, MongoDB-style id',
    request: (tag) =>
      json(`/${tag}/login-email`, { user: { email: 'bob@example.com', password: PASSWORDS.bob } }),
    status: 200,
    facts: ['authn_login_success'],
    attributes: {
      'user.id': '64b7f0c2a1e4d5f6a7b8c9d0',
      'user.name': 'bob@example.com',
      'security.auth.strategy': 'local-email',
      'security.outcome': 'success',
    },
  },
  localRefusal('strategy object passed to authenticate() directly', 'login-instance'),
  {
    name: 'basic auth',
    request: basic('carol', PASSWORDS.carol),
    status: 200,
    facts: ['authn_login_success'],
    attributes: {
      'user.id': '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      'user.name': 'carol',
      'user.roles': ['admin'],
      'security.auth.strategy': 'basic',
      'security.outcome': 'success',
    },
  },
  {
    name: 'basic auth, bad password',
    request: basic('carol', 'guess-123'),
    status: 401,
    facts: FAILED_401,
    attributes: {
      'user.name': 'carol',
      'security.auth.strategy': 'basic',
      'security.outcome': 'failure',
      'security.reason': 'invalid_credentials',
    },
  },
  {
    name: 'basic auth, no credentials',
    request: (tag) => ({ path: `/${tag}/basic` }),
    status: 401,
    facts: FAILED_401,
    attributes: {
      'security.auth.strategy': 'basic',
      'security.outcome': 'failure',
      'security.reason': 'missing_credentials',
    },
  },
  localLogin('stacked strategies, the second succeeds', 'any'),
  {
    name: 'stacked strategies, all fail: the one given credentials says why',
    request: (tag) => ({
      method: 'POST',
      path: `/${tag}/any`,
      headers: { authorization: basicAuth('carol', 'guess-123') },
    }),
    status: 400,
    facts: ['authn_login_fail', 'request_rejected'],
    attributes: {
      'user.name': 'carol',
      'security.auth.strategy': 'basic',
      'security.outcome': 'failure',
      'security.reason': 'invalid_credentials',
    },
  },
  {
    name: 'stacked strategies, no credentials at all',
    request: (tag) => ({ method: 'POST', path: `/${tag}/any` }),
    status: 400,
    facts: ['authn_login_fail', 'request_rejected'],
    attributes: {
      'security.auth.strategy': 'basic',
      'security.outcome': 'failure',
      'security.reason': 'missing_credentials',
    },
  },
  {
    name: 'bearer JWT, valid',
    request: bearer(TOKENS.valid),
    status: 200,
    facts: ['authn_login_success'],
    attributes: { ...ALICE, 'security.auth.strategy': 'jwt', 'security.outcome': 'success' },
  },
  {
    name: 'bearer JWT, expired',
    request: bearer(TOKENS.expired),
    status: 401,
    facts: FAILED_401,
    attributes: { ...JWT_FAILURE, 'security.reason': 'expired' },
  },
  {
    name: 'bearer JWT, bad signature',
    request: bearer(TOKENS.badSignature),
    status: 401,
    facts: FAILED_401,
    attributes: { ...JWT_FAILURE, 'security.reason': 'bad_signature' },
  },
  {
    name: 'bearer JWT, alg none',
    request: bearer(TOKENS.algNone),
    status: 401,
    facts: FAILED_401,
    attributes: { ...JWT_FAILURE, 'security.reason': 'alg_not_allowed' },
  },
  {
    name: 'bearer JWT, no token',
    request: (tag) => ({ path: `/${tag}/token` }),
    status: 401,
    facts: FAILED_401,
    attributes: { ...JWT_FAILURE, 'security.reason': 'missing_credentials' },
  },
  localLogin('custom callback, success', 'callback'),
  localRefusal('custom callback, failure', 'callback'),
  {
    name: 'login that issues a token: the token is reported after the attempt',
    request: (tag) => form(`/${tag}/login-token`, good),
    status: 200,
    facts: ['authn_login_success', 'authn_token_created'],
    attributes: LOCAL_SUCCESS,
  },
  localLogin('redirect options, success', 'login-redirect', 302),
  localRefusal('redirect options, failure', 'login-redirect', 302, ['authn_login_fail']),
  localRefusal('failWithError', 'login-fail-with-error'),
  {
    name: 'verify callback identifies the user itself',
    request: (tag) => form(`/${tag}/login-identifying`, good),
    status: 200,
    facts: ['authn_login_success'],
    attributes: {
      'user.id': 'account-1',
      'user.name': 'alice',
      'user.roles': ['auditor'],
      'security.auth.strategy': 'local-identifying',
      'security.outcome': 'success',
    },
  },
  {
    name: 'custom callback reports the success by hand after req.logIn',
    request: (tag) => form(`/${tag}/callback-reporting`, good),
    status: 200,
    facts: ['authn_login_success'],
    attributes: BY_HAND_SUCCESS,
  },
  {
    name: 'custom callback reports the failure by hand',
    request: (tag) => form(`/${tag}/callback-reporting`, wrong),
    status: 401,
    facts: FAILED_401,
    attributes: { ...BY_HAND_FAILURE, 'security.user.exists': true },
  },
  {
    name: 'verify callback reports the success by hand',
    request: (tag) => form(`/${tag}/login-reporting`, good),
    status: 200,
    facts: ['authn_login_success'],
    attributes: BY_HAND_SUCCESS,
  },
  {
    name: 'verify callback reports the failure by hand',
    request: (tag) => form(`/${tag}/login-reporting`, wrong),
    status: 401,
    facts: FAILED_401,
    attributes: { ...BY_HAND_FAILURE, 'security.user.exists': false },
  },
];

/** A path segment naming the scenario. */
export function tagOf(scenario: Scenario): string {
  return scenario.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
}
