import { describe, expect, it } from 'vitest';
import type { Credentials } from '../src/passport/credentials';
import { failureReason } from '../src/passport/failure-reason';

const form = (login?: string): Credentials => ({ kind: 'form', login, presented: true });

describe('the reason of a refused login', () => {
  it('is the verify callback message in snake_case, bounded', () => {
    expect(failureReason(form('alice'), { message: 'Incorrect password.' }, undefined)).toBe(
      'incorrect_password',
    );
    expect(failureReason(form('alice'), 'Account locked', undefined)).toBe('account_locked');
    expect(failureReason(form('alice'), { message: 'x'.repeat(500) }, undefined)).toHaveLength(48);
  });

  it('never carries the login, and cuts only where the login stands alone', () => {
    expect(failureReason(form('bob@example.com'), { message: 'No account for Bob@Example.com!' }, 401)).toBe(
      'no_account_for',
    );
    expect(failureReason(form('a'), { message: 'Incorrect password' }, undefined)).toBe('incorrect_password');
    expect(failureReason(form('a.b*'), { message: 'user a.b* missing' }, undefined)).toBe('user_missing');
  });

  it('falls back to invalid_credentials when the callback gave nothing usable', () => {
    expect(failureReason(form('alice'), undefined, undefined)).toBe('invalid_credentials');
    expect(failureReason(form('alice'), { message: '日本語' }, undefined)).toBe('invalid_credentials');
    // A Basic strategy's string is its WWW-Authenticate challenge, not a message.
    const basic: Credentials = { kind: 'basic', login: 'carol', presented: true };
    expect(failureReason(basic, 'Basic realm="Users"', undefined)).toBe('invalid_credentials');
    expect(failureReason({ kind: 'basic', presented: true }, undefined, 400)).toBe('malformed_credentials');
  });

  it('says missing_credentials when the request carried none, for every kind of strategy', () => {
    expect(failureReason({ kind: 'form', presented: false }, { message: 'Missing credentials' }, 400)).toBe(
      'missing_credentials',
    );
    expect(failureReason({ kind: 'basic', presented: false }, 'Basic realm="Users"', undefined)).toBe(
      'missing_credentials',
    );
    const jwt: Credentials = { kind: 'jwt', presented: true };
    expect(failureReason(jwt, new Error('No auth token'), undefined)).toBe('missing_credentials');
    expect(failureReason(jwt, new Error('secret lookup failed'), undefined)).toBe('invalid_token');
  });
});
