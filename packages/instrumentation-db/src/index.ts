export {
  BetterSqlite3Instrumentation,
  type DbInstrumentationConfig,
  Mysql2Instrumentation,
  NodeSqliteInstrumentation,
  PgInstrumentation,
} from './drivers';
