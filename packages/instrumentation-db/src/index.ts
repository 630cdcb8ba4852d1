export {
  type DbInstrumentationOptions,
  enableBetterSqlite3,
  enableMysql2,
  enableNodeSqlite,
  enablePg,
  NODE_SQLITE_MODULES,
} from './drivers';
