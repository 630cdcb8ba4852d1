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
  // The key of the last call is compared before the map is asked: a key read from a request is a new string
  // each time, and comparing it costs less than hashing it for the map.
  let lastKey: string | undefined;
  let lastValue: T | undefined;
  return (key) => {
    if (key === lastKey) return lastValue as T;
    let value = memo.get(key);
    if (value === undefined) {
      value = compute(key);
      if (key.length > maxKeyLength) return value;
      if (memo.size >= maxEntries) memo.delete(memo.keys().next().value as string);
      memo.set(key, value);
    }
    lastKey = key;
    lastValue = value;
    return value;
  };
}
