// SCAFFOLD: replaced by the driver instrumentations.
export interface DbInstrumentationOptions {
  /** Lower-cased table names (`users`, `billing.cards`) whose reads and writes are sensitive-data facts. */
  readonly sensitiveTables: readonly string[];
}
export function enablePg(_options: DbInstrumentationOptions): void {}
export function enableMysql2(_options: DbInstrumentationOptions): void {}
export function enableBetterSqlite3(_options: DbInstrumentationOptions): void {}
export function enableNodeSqlite(_options: DbInstrumentationOptions): void {}
