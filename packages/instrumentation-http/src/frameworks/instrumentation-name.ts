const VERSION: string = require('../../package.json').version;

/** The name and version OpenTelemetry registers an instrumentation under, e.g. `@secotel/instrumentation-http/koa`. */
export function instrumentationId(framework: string): [name: string, version: string] {
  return [`@secotel/instrumentation-http/${framework}`, VERSION];
}
