import { boundedMemo } from '@secotel/sdk/instrumentation';
import type { SqlDialect } from './dialects';

/** Queries longer than this are analysed every time rather than kept: the memo's memory stays small. */
const MAX_QUERY_LENGTH = 2_048;
const MAX_ENTRIES = 256;

/**
 * Remembers a per-query result for the most recent distinct query texts of each dialect (see boundedMemo).
 * Parameterized queries repeat their text call after call, so statement analysis runs once per distinct text.
 */
export function memoizeByQuery<T>(
  compute: (query: string, dialect: SqlDialect) => T,
): (query: string, dialect: SqlDialect) => T {
  const memoFor = (dialect: SqlDialect) =>
    boundedMemo((query) => compute(query, dialect), MAX_ENTRIES, MAX_QUERY_LENGTH);
  const memos: Record<SqlDialect, (query: string) => T> = {
    postgresql: memoFor('postgresql'),
    mysql: memoFor('mysql'),
    sqlite: memoFor('sqlite'),
  };
  return (query, dialect) => memos[dialect](query);
}
