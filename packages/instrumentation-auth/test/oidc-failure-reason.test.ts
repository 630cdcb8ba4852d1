// The reasons of ID Token failures a real provider cannot be made to produce (another issuer or audience, an
// auth_time too old, no ID Token), from the errors openid-client really throws: its authorizationCodeGrant
// runs against a token endpoint answered by `customFetch` with a hand-made ID Token.
import * as client from 'openid-client';
import { describe, expect, it } from 'vitest';
import { oidcFailureReason } from '../src/oidc/oidc-failure-reason';

const ISSUER = 'https://idp.test';
const NOW = Math.floor(Date.now() / 1000);
const CHECKS = { expectedState: 'state-1', expectedNonce: 'nonce-1', pkceCodeVerifier: 'v'.repeat(43) };

/** An unsigned-looking compact JWT: ID Token signatures are not checked on a TLS token response. */
function idToken(claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.${Buffer.from('sig').toString('base64url')}`;
}

const GOOD = { iss: ISSUER, aud: 'shop', sub: 'alice', nonce: 'nonce-1', iat: NOW - 5, exp: NOW + 300 };

/** The error authorizationCodeGrant throws when the token endpoint answers `body`. */
async function grantError(body: Record<string, unknown>, checks: object = CHECKS): Promise<unknown> {
  const config = new client.Configuration({ issuer: ISSUER, token_endpoint: `${ISSUER}/token` }, 'shop');
  config[client.customFetch] = async () =>
    'error' in body
      ? new Response(JSON.stringify(body), { status: 400, headers: { 'content-type': 'application/json' } })
      : new Response(JSON.stringify({ access_token: 'at', token_type: 'bearer', ...body }), {
          headers: { 'content-type': 'application/json' },
        });
  const callback = new URL(`https://rp.test/cb?code=c&state=state-1&iss=${encodeURIComponent(ISSUER)}`);
  return client.authorizationCodeGrant(config, callback, checks).then(
    () => {
      throw new Error('authorizationCodeGrant accepted the response');
    },
    (error: unknown) => error,
  );
}

describe('oidcFailureReason with openid-client 6 errors', () => {
  it('accepts the untouched ID Token (so each case below fails for its one change)', async () => {
    const config = new client.Configuration({ issuer: ISSUER, token_endpoint: `${ISSUER}/token` }, 'shop');
    config[client.customFetch] = async () =>
      new Response(JSON.stringify({ access_token: 'at', token_type: 'bearer', id_token: idToken(GOOD) }), {
        headers: { 'content-type': 'application/json' },
      });
    const callback = new URL(`https://rp.test/cb?code=c&state=state-1&iss=${encodeURIComponent(ISSUER)}`);
    const tokens = await client.authorizationCodeGrant(config, callback, CHECKS);
    expect(tokens.claims()?.sub).toBe('alice');
  });

  it.each<[string, Record<string, unknown>, object?]>([
    ['id_token_wrong_issuer', { id_token: idToken({ ...GOOD, iss: 'https://evil.test' }) }],
    ['id_token_wrong_audience', { id_token: idToken({ ...GOOD, aud: 'billing' }) }],
    ['id_token_wrong_audience', { id_token: idToken({ ...GOOD, aud: ['shop', 'billing'], azp: 'billing' }) }],
    ['id_token_expired', { id_token: idToken({ ...GOOD, exp: NOW - 3600 }) }],
    ['id_token_not_yet_valid', { id_token: idToken({ ...GOOD, nbf: NOW + 3600 }) }],
    ['nonce_mismatch', { id_token: idToken({ ...GOOD, nonce: 'nonce-2' }) }],
    [
      'id_token_auth_too_old',
      { id_token: idToken({ ...GOOD, auth_time: NOW - 7200 }) },
      { ...CHECKS, maxAge: 60 },
    ],
    ['id_token_missing', {}],
    ['invalid_grant', { error: 'invalid_grant' }],
  ])('%s', async (reason, body, checks) => {
    const error = await grantError(body, checks);
    expect(oidcFailureReason(error)).toBe(reason);
  });

  it('is undefined when the client could not complete the login', async () => {
    const config = new client.Configuration({ issuer: ISSUER, token_endpoint: `${ISSUER}/token` }, 'shop');
    config[client.customFetch] = async () => {
      throw new TypeError('fetch failed');
    };
    const callback = new URL(`https://rp.test/cb?code=c&state=state-1&iss=${encodeURIComponent(ISSUER)}`);
    const error = await client
      .authorizationCodeGrant(config, callback, CHECKS)
      .catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(Error);
    expect(oidcFailureReason(error)).toBeUndefined();
  });
});
