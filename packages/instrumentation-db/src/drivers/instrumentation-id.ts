const VERSION: string = require('../../package.json').version;

/** The name and version OpenTelemetry registers an instrumentation under, e.g. `@secotel/instrumentation-db/pg`. */
export function instrumentationId(driver: string): [name: string, version: string] {
  return [`@secotel/instrumentation-db/${driver}`, VERSION];
}
