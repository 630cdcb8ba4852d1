import {
  BetterAuthInstrumentation,
  ExpressJwtInstrumentation,
  ExpressSessionInstrumentation,
  FastifyJwtInstrumentation,
  FastJwtInstrumentation,
  JoseInstrumentation,
  JsonwebtokenInstrumentation,
  OpenidClientInstrumentation,
  PassportInstrumentation,
} from '@secotel/instrumentation-auth';
import {
  BetterSqlite3Instrumentation,
  MongodbInstrumentation,
  Mysql2Instrumentation,
  NodeSqliteInstrumentation,
  PgInstrumentation,
} from '@secotel/instrumentation-db';
import {
  ExpressInstrumentation,
  FastifyInstrumentation,
  HapiInstrumentation,
  HttpServerInstrumentation,
  KoaInstrumentation,
  NestjsInstrumentation,
} from '@secotel/instrumentation-http';
import type { SecotelConfig } from '@secotel/sdk';
import type { SecotelInstrumentation } from '@secotel/sdk/instrumentation';

/** The options of secotel's configuration (SECOTEL_* variables) that its instrumentations take. */
type InstrumentationOptions = Pick<SecotelConfig, 'trustProxy' | 'sensitiveTables'>;

/**
 * The instrumentations @secotel/node/register starts, by the short name users put in SECOTEL_INSTRUMENTATIONS /
 * SECOTEL_DISABLED_INSTRUMENTATIONS. Each is created disabled: register enables those selected once the ESM
 * loader hook knows what to intercept.
 */
export const INSTRUMENTATIONS: Readonly<
  Record<string, (options: InstrumentationOptions) => SecotelInstrumentation>
> = {
  http: ({ trustProxy }) => new HttpServerInstrumentation({ enabled: false, trustProxy }),
  express: () => new ExpressInstrumentation({ enabled: false }),
  fastify: () => new FastifyInstrumentation({ enabled: false }),
  koa: () => new KoaInstrumentation({ enabled: false }),
  hapi: () => new HapiInstrumentation({ enabled: false }),
  nestjs: () => new NestjsInstrumentation({ enabled: false }),
  passport: () => new PassportInstrumentation({ enabled: false }),
  jsonwebtoken: () => new JsonwebtokenInstrumentation({ enabled: false }),
  jose: () => new JoseInstrumentation({ enabled: false }),
  'express-jwt': () => new ExpressJwtInstrumentation({ enabled: false }),
  'fast-jwt': () => new FastJwtInstrumentation({ enabled: false }),
  'fastify-jwt': () => new FastifyJwtInstrumentation({ enabled: false }),
  'openid-client': () => new OpenidClientInstrumentation({ enabled: false }),
  'express-session': () => new ExpressSessionInstrumentation({ enabled: false }),
  'better-auth': () => new BetterAuthInstrumentation({ enabled: false }),
  pg: ({ sensitiveTables }) => new PgInstrumentation({ enabled: false, sensitiveTables }),
  mysql2: ({ sensitiveTables }) => new Mysql2Instrumentation({ enabled: false, sensitiveTables }),
  'better-sqlite3': ({ sensitiveTables }) =>
    new BetterSqlite3Instrumentation({ enabled: false, sensitiveTables }),
  'node-sqlite': ({ sensitiveTables }) => new NodeSqliteInstrumentation({ enabled: false, sensitiveTables }),
  mongodb: ({ sensitiveTables }) => new MongodbInstrumentation({ enabled: false, sensitiveTables }),
};

/** An instrumentation to start, with its short name (sys_monitor_disabled and sys_startup name it). */
export interface NamedInstrumentation {
  readonly name: string;
  readonly instrumentation: SecotelInstrumentation;
}

/**
 * The instrumentations to start: those named in SECOTEL_INSTRUMENTATIONS (all when unset), less the disabled
 * ones, each created with the options of the running configuration.
 */
export function createInstrumentations(
  enabled: readonly string[] | undefined,
  disabled: readonly string[],
  options: InstrumentationOptions,
): NamedInstrumentation[] {
  return Object.entries(INSTRUMENTATIONS)
    .filter(([name]) => (enabled === undefined || enabled.includes(name)) && !disabled.includes(name))
    .map(([name, create]) => ({ name, instrumentation: create(options) }));
}
