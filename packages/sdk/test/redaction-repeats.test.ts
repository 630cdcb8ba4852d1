// The redactor remembers, per attribute key, the last value that came out clean (records of one process repeat
// their addresses, routes and User-Agents). These tests hold that memory to what a redactor that never saw an
// earlier record does: same output, same counts, whatever sequence of keys and values comes, secrets included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Redactor } from '../src/redaction';

const SECRET = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';

describe('attribute values repeated from record to record', () => {
  it('gives each record what a fresh redactor gives it, counts included, for any sequence', () => {
    const keys = fc.constantFrom('http.route', 'note', 'password', 'user_agent.original', 'api_key', 'x');
    const values = fc.oneof(
      fc.constantFrom(
        '/admin',
        'hunter2',
        `token ${SECRET}`,
        SECRET,
        'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0',
        'alice@example.com',
        'line\u0007break',
        '',
        'a'.repeat(300),
        '[REDACTED:password]',
      ),
      fc.string({ maxLength: 12 }),
      fc.constantFrom(403, true, null),
    );
    const records = fc.array(fc.dictionary(keys, values, { maxKeys: 4 }), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(records, (sequence) => {
        const remembering = new Redactor({ pseudonymize: ['email'], hashKey: 'repeats-test-key-0001' });
        const expectedCounts: Record<string, number> = {};
        for (const record of sequence) {
          const fresh = new Redactor({ pseudonymize: ['email'], hashKey: 'repeats-test-key-0001' });
          const expected = fresh.redactOwnAttributes({ ...record });
          for (const [kind, count] of Object.entries(fresh.stats)) {
            expectedCounts[kind] = (expectedCounts[kind] ?? 0) + count;
          }
          expect(remembering.redactOwnAttributes({ ...record })).toEqual(expected);
        }
        expect({ ...remembering.stats }).toEqual(expectedCounts);
      }),
      { numRuns: 300 },
    );
  });

  it('masks and counts a value under a secret key after the same value passed clean under another key', () => {
    const redactor = new Redactor();
    expect(redactor.redactOwnAttributes({ note: 'hunter2-horse' })).toEqual({ note: 'hunter2-horse' });
    expect(redactor.redactOwnAttributes({ password: 'hunter2-horse' })).toEqual({
      password: '[REDACTED:password]',
    });
    expect(redactor.stats).toEqual({ password: 1 });
  });

  it('counts a secret in every record that carries it, between clean values of the same key', () => {
    const redactor = new Redactor();
    const exported: unknown[] = [];
    for (const query of ['page=2', `key=${SECRET}`, `key=${SECRET}`, 'page=2', 'page=2', `key=${SECRET}`]) {
      exported.push(redactor.redactOwnAttributes({ 'url.query': query })['url.query']);
    }
    expect(exported.filter((query) => query === 'page=2')).toHaveLength(3);
    expect(JSON.stringify(exported)).not.toContain('4eC39HqLyjWDarjtT1zdp7dc');
    expect(Object.values(redactor.stats).reduce((sum, count) => sum + count, 0)).toBe(3);
  });
});
