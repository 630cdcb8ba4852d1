import { describe, expect, it } from 'vitest';
import { renderBody } from '../src/body';

describe('renderBody', () => {
  const template = 'login failed[ for {user.name}][ from {client.address}][: {security.reason}]';

  it('fills placeholders from attributes', () => {
    expect(
      renderBody(template, {
        'user.name': 'alice',
        'client.address': '203.0.113.9',
        'security.reason': 'bad_password',
      }),
    ).toBe('login failed for alice from 203.0.113.9: bad_password');
  });

  it('drops an optional part whose placeholder has no value', () => {
    expect(renderBody(template, { 'client.address': '203.0.113.9' })).toBe('login failed from 203.0.113.9');
    expect(renderBody(template, {})).toBe('login failed');
  });

  it('treats empty strings and arrays as no value', () => {
    expect(
      renderBody(template, {
        'user.name': '',
        'client.address': '203.0.113.9',
        'security.reason': [] as never,
      }),
    ).toBe('login failed from 203.0.113.9');
  });

  it('leaves a missing required placeholder visible', () => {
    expect(renderBody('access to {security.resource} refused', {})).toBe(
      'access to {security.resource} refused',
    );
  });

  it('joins arrays and prints numbers and booleans', () => {
    expect(
      renderBody('roles {user.roles}, status {code}, ok {ok}', {
        'user.roles': ['a', 'b'],
        code: 403,
        ok: false,
      }),
    ).toBe('roles a, b, status 403, ok false');
  });
});
