import { describe, expect, it } from 'vitest';
import { boundedMemo } from '../src/instrumentation/bounded-memo';

/** A memo of the keys' lengths that counts how often each key was computed. */
function countingMemo(maxEntries: number, maxKeyLength: number) {
  const computed = new Map<string, number>();
  const memo = boundedMemo(
    (key) => {
      computed.set(key, (computed.get(key) ?? 0) + 1);
      return key.length;
    },
    maxEntries,
    maxKeyLength,
  );
  return { memo, computed };
}

describe('boundedMemo', () => {
  it('computes a repeated key once, also when each call passes a new string of it', () => {
    const { memo, computed } = countingMemo(4, 100);
    for (let i = 0; i < 10; i++) expect(memo(['Mozilla', String(5)].join('/'))).toBe(9);
    expect(computed.get('Mozilla/5')).toBe(1);
  });

  it('keeps the recent keys when two alternate, and gives way oldest first past the bound', () => {
    const { memo, computed } = countingMemo(2, 100);
    for (let i = 0; i < 5; i++) {
      memo('a');
      memo('bb');
    }
    expect([computed.get('a'), computed.get('bb')]).toEqual([1, 1]);
    memo('ccc'); // evicts 'a', the oldest
    memo('bb');
    memo('a');
    expect([computed.get('a'), computed.get('bb'), computed.get('ccc')]).toEqual([2, 1, 1]);
  });

  it('computes a key longer than the bound every time and remembers none of it', () => {
    const { memo, computed } = countingMemo(2, 3);
    for (let i = 0; i < 3; i++) expect(memo('long key')).toBe(8);
    expect(computed.get('long key')).toBe(3);
    memo('ab');
    memo('long key');
    memo('ab');
    expect(computed.get('ab')).toBe(1);
  });

  it('a flood of new keys is computed key by key, and an old one is computed again', () => {
    const { memo, computed } = countingMemo(8, 100);
    for (let i = 0; i < 1000; i++) memo(`agent ${i}`);
    memo('agent 0');
    expect(computed.get('agent 0')).toBe(2);
    expect(computed.size).toBe(1000);
  });
});
