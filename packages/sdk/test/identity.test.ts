import { describe, expect, it } from 'vitest';
import { IdentityPolicy } from '../src/identity';
import { KeyedHasher } from '../src/keyed-hash';

const hasher = new KeyedHasher('a-test-key-of-enough-length');
const context = {
  client: { address: '198.51.100.7' },
  user: { id: 'u-1', name: 'alice@example.com', roles: ['admin'] },
  session: { id: 'raw-session' },
};

describe('IdentityPolicy', () => {
  it('identification keeps user id and name and hashes the session id', () => {
    const attributes = new IdentityPolicy('identification', hasher).attributesFor(context, {
      'security.reason': 'x',
    });
    expect(attributes).toMatchObject({
      'client.address': '198.51.100.7',
      'user.id': 'u-1',
      'user.name': 'alice@example.com',
      'user.roles': ['admin'],
      'security.reason': 'x',
      'session.id': hasher.hash('raw-session'),
    });
    expect(JSON.stringify(attributes)).not.toContain('raw-session');
  });

  it('anonymization replaces id and name by a keyed hash of the login', () => {
    const attributes = new IdentityPolicy('anonymization', hasher).attributesFor(context, undefined);
    expect(attributes['user.id']).toBeUndefined();
    expect(attributes['user.name']).toBeUndefined();
    expect(attributes['user.hash']).toBe(hasher.hash('alice@example.com'));
    expect(attributes['user.hash']).not.toBe(
      new KeyedHasher('another-key-of-enough-length').hash('alice@example.com'),
    );
    expect(JSON.stringify(attributes)).not.toContain('alice');
  });

  it('anonymization also covers user attributes given with the event', () => {
    const attributes = new IdentityPolicy('anonymization', hasher).attributesFor(undefined, {
      'user.name': 'bob',
    });
    expect(attributes).toEqual({ 'user.hash': hasher.hash('bob') });
  });

  it('disabled drops user identity', () => {
    const attributes = new IdentityPolicy('disabled', hasher).attributesFor(context, { 'user.hash': 'h' });
    expect(attributes['user.id']).toBeUndefined();
    expect(attributes['user.name']).toBeUndefined();
    expect(attributes['user.hash']).toBeUndefined();
    expect(attributes['user.roles']).toEqual(['admin']);
  });

  it('event attributes override the context', () => {
    const attributes = new IdentityPolicy('identification', hasher).attributesFor(context, {
      'client.address': '::1',
    });
    expect(attributes['client.address']).toBe('::1');
  });

  it('leaves out attributes without a value, as keys too, in every tracking mode', () => {
    for (const mode of ['identification', 'anonymization', 'disabled'] as const) {
      const attributes = new IdentityPolicy(mode, hasher).attributesFor(context, {
        'security.reason': null as never,
        'security.resource': undefined,
        'http.route': '/login',
      });
      expect(Object.keys(attributes), mode).not.toContain('security.reason');
      expect(Object.keys(attributes), mode).not.toContain('security.resource');
      expect(attributes['http.route'], mode).toBe('/login');
    }
    const complete = new IdentityPolicy('identification', hasher).attributesFor(undefined, {
      'http.route': '/',
    });
    expect(complete).toEqual({ 'http.route': '/' });
  });
});
