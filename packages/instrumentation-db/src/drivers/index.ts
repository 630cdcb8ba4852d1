import { configureFacts, type DbInstrumentationOptions } from './facts';
import { enableMongodbInstrumentation } from './mongodb';
import { enableMysql2Instrumentation } from './mysql2';
import { enablePgInstrumentation } from './pg';
import { enableBetterSqlite3Instrumentation, enableNodeSqliteInstrumentation } from './sqlite';

export type { DbInstrumentationOptions } from './facts';
export { NODE_SQLITE_MODULES } from './sqlite';

/** node-postgres (pg 8 with pg-pool 3): Client and Pool, callbacks and promises, and refused logins. */
export function enablePg(options: DbInstrumentationOptions): void {
  configureFacts(options);
  enablePgInstrumentation();
}

/** mysql2 3: query and execute, callback and promise APIs, pools, and refused logins (MySQL and MariaDB). */
export function enableMysql2(options: DbInstrumentationOptions): void {
  configureFacts(options);
  enableMysql2Instrumentation();
}

/** The node:sqlite builtin: DatabaseSync#exec and #prepare, StatementSync#run/get/all/iterate. */
export function enableNodeSqlite(options: DbInstrumentationOptions): void {
  configureFacts(options);
  enableNodeSqliteInstrumentation();
}

/** better-sqlite3 12 and 13: Database#exec and #prepare, Statement#run/get/all/iterate. */
export function enableBetterSqlite3(options: DbInstrumentationOptions): void {
  configureFacts(options);
  enableBetterSqlite3Instrumentation();
}

/**
 * The MongoDB driver 6 and 7, and mongoose 8 and 9 through it: NoSQL injection by query structure, user and
 * role changes, sensitive collections and refused logins.
 */
export function enableMongodb(options: DbInstrumentationOptions): void {
  configureFacts(options);
  enableMongodbInstrumentation();
}
