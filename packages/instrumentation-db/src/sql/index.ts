export type { LexicalDialect, SqlDialect } from './dialects';
export { findInjections, inputsInQuery } from './injection';
export { sanitizeQuery } from './sanitize';
export { describeStatement, type StatementInfo } from './statement';
export type { TableAccess } from './tables';
