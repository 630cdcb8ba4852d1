export {
  type DbInstrumentationOptions,
  enableBetterSqlite3,
  enableMongodb,
  enableMysql2,
  enableNodeSqlite,
  enablePg,
  NODE_SQLITE_MODULES,
} from './drivers';
