export {
  type DbInstrumentationOptions,
  enableBetterSqlite3,
  enableMysql2,
  enableNodeSqlite,
  enablePg,
} from './drivers';
