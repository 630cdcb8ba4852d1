const VERSION: string = require('../package.json').version;

/** The name and version OpenTelemetry registers an instrumentation under, e.g. `@secotel/instrumentation-auth/jose`. */
export function instrumentationId(library: string): [name: string, version: string] {
  return [`@secotel/instrumentation-auth/${library}`, VERSION];
}
