import type * as Auth from '@secotel/instrumentation-auth';
import type * as Db from '@secotel/instrumentation-db';
import type * as Http from '@secotel/instrumentation-http';
import type * as HttpServer from '@secotel/instrumentation-http/http-server';
import type { SecotelConfig } from '@secotel/sdk';
import { lazily, type SecotelInstrumentation } from '@secotel/sdk/instrumentation';
import { deferredInstrumentation } from './deferred-instrumentation';
import { selectedNames } from './instrumentation-names';
import { OUTLINES } from './instrumentation-outlines.generated';

/** The options of secotel's configuration (SECOTEL_* variables) that its instrumentations take. */
type InstrumentationOptions = Pick<SecotelConfig, 'trustProxy' | 'sensitiveTables'>;

// Each package is loaded when one of its instrumentations is first created; http's (created at start-up) alone
// from its own subpath, without the frameworks'.
const httpServer = lazily(() => require('@secotel/instrumentation-http/http-server') as typeof HttpServer);
const http = lazily(() => require('@secotel/instrumentation-http') as typeof Http);
const auth = lazily(() => require('@secotel/instrumentation-auth') as typeof Auth);
const db = lazily(() => require('@secotel/instrumentation-db') as typeof Db);

/**
 * The instrumentations @secotel/node/register starts, by the short name users put in SECOTEL_INSTRUMENTATIONS /
 * SECOTEL_DISABLED_INSTRUMENTATIONS. Each is created disabled: register enables those selected once the ESM
 * loader hook knows what to intercept.
 */
export const INSTRUMENTATIONS: Readonly<
  Record<string, (options: InstrumentationOptions) => SecotelInstrumentation>
> = {
  http: ({ trustProxy }) => new (httpServer().HttpServerInstrumentation)({ enabled: false, trustProxy }),
  express: () => new (http().ExpressInstrumentation)({ enabled: false }),
  fastify: () => new (http().FastifyInstrumentation)({ enabled: false }),
  koa: () => new (http().KoaInstrumentation)({ enabled: false }),
  hapi: () => new (http().HapiInstrumentation)({ enabled: false }),
  nestjs: () => new (http().NestjsInstrumentation)({ enabled: false }),
  passport: () => new (auth().PassportInstrumentation)({ enabled: false }),
  jsonwebtoken: () => new (auth().JsonwebtokenInstrumentation)({ enabled: false }),
  jose: () => new (auth().JoseInstrumentation)({ enabled: false }),
  'express-jwt': () => new (auth().ExpressJwtInstrumentation)({ enabled: false }),
  'fast-jwt': () => new (auth().FastJwtInstrumentation)({ enabled: false }),
  'fastify-jwt': () => new (auth().FastifyJwtInstrumentation)({ enabled: false }),
  'openid-client': () => new (auth().OpenidClientInstrumentation)({ enabled: false }),
  'express-session': () => new (auth().ExpressSessionInstrumentation)({ enabled: false }),
  'better-auth': () => new (auth().BetterAuthInstrumentation)({ enabled: false }),
  pg: ({ sensitiveTables }) => new (db().PgInstrumentation)({ enabled: false, sensitiveTables }),
  mysql2: ({ sensitiveTables }) => new (db().Mysql2Instrumentation)({ enabled: false, sensitiveTables }),
  'better-sqlite3': ({ sensitiveTables }) =>
    new (db().BetterSqlite3Instrumentation)({ enabled: false, sensitiveTables }),
  'node-sqlite': ({ sensitiveTables }) =>
    new (db().NodeSqliteInstrumentation)({ enabled: false, sensitiveTables }),
  mongodb: ({ sensitiveTables }) => new (db().MongodbInstrumentation)({ enabled: false, sensitiveTables }),
};

/** An instrumentation to start, with its short name (sys_monitor_disabled and sys_startup name it). */
export interface NamedInstrumentation {
  readonly name: string;
  readonly instrumentation: SecotelInstrumentation;
}

/**
 * The instrumentations to start: those named in SECOTEL_INSTRUMENTATIONS (all when unset), less the disabled
 * ones, each created with the options of the running configuration when its library is first loaded (until
 * then a stand-in with its module definitions hooks it: see deferred-instrumentation.ts).
 */
export function createInstrumentations(
  enabled: readonly string[] | undefined,
  disabled: readonly string[],
  options: InstrumentationOptions,
): NamedInstrumentation[] {
  return selectedNames(enabled, disabled).flatMap((name) => {
    const create = INSTRUMENTATIONS[name];
    return create === undefined
      ? []
      : [{ name, instrumentation: deferredInstrumentation(OUTLINES[name], () => create(options)) }];
  });
}
