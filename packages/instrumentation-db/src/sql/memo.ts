import type { SqlDialect } from './dialects';

/** Queries longer than this are analysed every time rather than kept: the memo's memory stays small. */
const MAX_QUERY_LENGTH = 2_048;
const MAX_ENTRIES = 256;

/**
 * Remembers a per-query result for the most recent distinct query texts of each dialect. Parameterized
 * queries repeat their text call after call, so statement analysis runs once per distinct text. Bounded in
 * entries and key length; the oldest entry gives way first.
 */
export function memoizeByQuery<T>(
  compute: (query: string, dialect: SqlDialect) => T,
): (query: string, dialect: SqlDialect) => T {
  const memos: Record<SqlDialect, Map<string, T>> = {
    postgresql: new Map(),
    mysql: new Map(),
    sqlite: new Map(),
  };
  return (query, dialect) => {
    const memo = memos[dialect];
    const known = memo.get(query);
    if (known !== undefined) return known;
    const value = compute(query, dialect);
    if (query.length <= MAX_QUERY_LENGTH) {
      if (memo.size >= MAX_ENTRIES) memo.delete(memo.keys().next().value as string);
      memo.set(query, value);
    }
    return value;
  };
}
