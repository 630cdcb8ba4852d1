export type { DbInstrumentationConfig } from './db-instrumentation';
export { MongodbInstrumentation } from './mongodb-instrumentation';
export { Mysql2Instrumentation } from './mysql2-instrumentation';
export { PgInstrumentation } from './pg-instrumentation';
export { BetterSqlite3Instrumentation, NodeSqliteInstrumentation } from './sqlite-instrumentation';
