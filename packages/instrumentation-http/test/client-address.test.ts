import type { IncomingMessage } from 'node:http';
import type { TrustProxy } from '@secotel/sdk';
import { describe, expect, it } from 'vitest';
import { clientAddressResolver } from '../src/client-address';

function request(peer: string, headers: Record<string, string> = {}): IncomingMessage {
  return { socket: { remoteAddress: peer }, headers } as unknown as IncomingMessage;
}

const resolve = (trust: TrustProxy, peer: string, headers?: Record<string, string>) =>
  clientAddressResolver(trust)(request(peer, headers));

const chain = { 'x-forwarded-for': '198.51.100.1, 10.0.0.5, 10.0.0.6' };

describe('the client address behind proxies', () => {
  it('is the socket peer when no proxy is trusted, whatever the headers say', () => {
    expect(resolve({ kind: 'none' }, '10.0.0.7', chain)).toBe('10.0.0.7');
  });

  it('peels off trusted ranges, named ones included, and stops at the first untrusted hop', () => {
    const trust: TrustProxy = { kind: 'addresses', addresses: ['uniquelocal'] };
    expect(resolve(trust, '10.0.0.7', chain)).toBe('198.51.100.1');
    expect(resolve(trust, '10.0.0.7', { 'x-forwarded-for': '198.51.100.1, 203.0.113.4, 10.0.0.6' })).toBe(
      '203.0.113.4',
    );
    expect(resolve({ kind: 'addresses', addresses: ['10.0.0.0/8'] }, '192.0.2.1', chain)).toBe('192.0.2.1');
  });

  it('trusts a number of hops', () => {
    expect(resolve({ kind: 'hops', hops: 1 }, '10.0.0.7', chain)).toBe('10.0.0.6');
    expect(resolve({ kind: 'hops', hops: 3 }, '10.0.0.7', chain)).toBe('198.51.100.1');
  });

  it('takes the first address when every hop is trusted', () => {
    expect(resolve({ kind: 'all' }, '10.0.0.7', chain)).toBe('198.51.100.1');
  });

  it('reads Forwarded (RFC 7239) with ports and bracketed IPv6 when X-Forwarded-For is absent', () => {
    const trust: TrustProxy = { kind: 'addresses', addresses: ['loopback', 'uniquelocal'] };
    const forwarded = 'for="198.51.100.9:4711", for="[2001:db8::1]:80";proto=https, for=10.0.0.5';
    expect(resolve(trust, '127.0.0.1', { forwarded })).toBe('2001:db8::1');
  });

  it('prefers X-Forwarded-For, so a client cannot choose which header a proxy ignores', () => {
    const trust: TrustProxy = { kind: 'addresses', addresses: ['loopback'] };
    expect(
      resolve(trust, '127.0.0.1', { 'x-forwarded-for': '203.0.113.4', forwarded: 'for=192.0.2.66' }),
    ).toBe('203.0.113.4');
  });

  it('accepts only IP addresses from the headers: a forged non-address stops the walk', () => {
    for (const forged of ['evil', 'x'.repeat(8_000), '198.51.100.1:4711', '<script>']) {
      expect(resolve({ kind: 'all' }, '10.0.0.7', { 'x-forwarded-for': forged })).toBe('10.0.0.7');
      expect(resolve({ kind: 'all' }, '10.0.0.7', { 'x-forwarded-for': `${forged}, 10.0.0.5` })).toBe(
        '10.0.0.5',
      );
      expect(
        resolve({ kind: 'hops', hops: 2 }, '10.0.0.7', { 'x-forwarded-for': `${forged}, 10.0.0.5` }),
      ).toBe('10.0.0.5');
    }
    expect(resolve({ kind: 'all' }, '127.0.0.1', { forwarded: 'for=evil' })).toBe('127.0.0.1');
  });

  it('falls back to the peer when Forwarded does not parse', () => {
    expect(resolve({ kind: 'all' }, '127.0.0.1', { forwarded: 'for=' })).toBe('127.0.0.1');
  });
});
