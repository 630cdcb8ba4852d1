/** The methods that run a prepared statement, the same in node:sqlite and better-sqlite3. */
export const RUN_METHODS = ['run', 'get', 'all', 'iterate'] as const;
export type RunMethod = (typeof RUN_METHODS)[number];
