export {
  BetterSqlite3Instrumentation,
  type DbInstrumentationConfig,
  MongodbInstrumentation,
  Mysql2Instrumentation,
  NodeSqliteInstrumentation,
  PgInstrumentation,
} from './drivers';
