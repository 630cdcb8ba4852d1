/**
 * Remembers `compute`'s result for the most recent distinct keys, so that a value which repeats call after call
 * (a parameterized query's text, a client's User-Agent) is worked out once. Bounded in entries and in key length
 * (a longer key is computed every time), the oldest entry giving way first: a flood of ever new keys costs what
 * computing costs, and no more memory.
 */
export function boundedMemo<T>(
  compute: (key: string) => T,
  maxEntries: number,
  maxKeyLength: number,
): (key: string) => T {
  const memo = new Map<string, T>();
  return (key) => {
    const known = memo.get(key);
    if (known !== undefined) return known;
    const value = compute(key);
    if (key.length <= maxKeyLength) {
      if (memo.size >= maxEntries) memo.delete(memo.keys().next().value as string);
      memo.set(key, value);
    }
    return value;
  };
}
