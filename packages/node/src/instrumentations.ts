import {
  BETTER_AUTH_MODULES,
  EXPRESS_JWT_MODULES,
  enableBetterAuth,
  enableExpressJwt,
  enableExpressSession,
  enableFastifyJwt,
  enableFastJwt,
  enableJose,
  enableJsonwebtoken,
  enableOpenidClient,
  enablePassport,
  FAST_JWT_MODULES,
  FASTIFY_JWT_MODULES,
  JOSE_MODULES,
  OPENID_CLIENT_MODULES,
} from '@secotel/instrumentation-auth';
import {
  enableBetterSqlite3,
  enableMysql2,
  enableNodeSqlite,
  enablePg,
  NODE_SQLITE_MODULES,
} from '@secotel/instrumentation-db';
import {
  enableExpress,
  enableFastify,
  enableHapi,
  enableHttpServer,
  enableKoa,
  enableNestjs,
  KOA_MODULES,
  NESTJS_MODULES,
} from '@secotel/instrumentation-http';
import { startSecotel } from '@secotel/sdk';

/**
 * The instrumentations @secotel/node can enable, by short name (SECOTEL_INSTRUMENTATIONS /
 * SECOTEL_DISABLED_INSTRUMENTATIONS). The HTTP, authentication and database layers register here as they land.
 */
export interface InstrumentationEntry {
  /** The short name users put in SECOTEL_INSTRUMENTATIONS. */
  readonly name: string;
  /**
   * What the ESM loader hook must intercept for this instrumentation: module names, or patterns matched against
   * a module's URL for files a package imports by relative path.
   */
  readonly modules: readonly (string | RegExp)[];
  /** Starts the instrumentation; called once, after the SDK started. */
  enable(): void;
}

export const INSTRUMENTATIONS: readonly InstrumentationEntry[] = [
  {
    name: 'http',
    modules: [],
    // Entries are enabled after the SDK started, so this returns the running instance's configuration.
    enable: () => enableHttpServer({ trustProxy: runningConfig().trustProxy }),
  },
  { name: 'express', modules: [], enable: enableExpress },
  { name: 'fastify', modules: [], enable: enableFastify },
  { name: 'koa', modules: KOA_MODULES, enable: enableKoa },
  { name: 'hapi', modules: [], enable: enableHapi },
  { name: 'nestjs', modules: NESTJS_MODULES, enable: enableNestjs },
  { name: 'passport', modules: [], enable: enablePassport },
  { name: 'jsonwebtoken', modules: [], enable: enableJsonwebtoken },
  { name: 'jose', modules: JOSE_MODULES, enable: enableJose },
  { name: 'express-jwt', modules: EXPRESS_JWT_MODULES, enable: enableExpressJwt },
  { name: 'fast-jwt', modules: FAST_JWT_MODULES, enable: enableFastJwt },
  { name: 'fastify-jwt', modules: FASTIFY_JWT_MODULES, enable: enableFastifyJwt },
  { name: 'openid-client', modules: OPENID_CLIENT_MODULES, enable: enableOpenidClient },
  { name: 'express-session', modules: [], enable: enableExpressSession },
  { name: 'better-auth', modules: BETTER_AUTH_MODULES, enable: enableBetterAuth },
  { name: 'pg', modules: [], enable: () => enablePg(dbOptions()) },
  { name: 'mysql2', modules: [], enable: () => enableMysql2(dbOptions()) },
  { name: 'better-sqlite3', modules: [], enable: () => enableBetterSqlite3(dbOptions()) },
  { name: 'node-sqlite', modules: NODE_SQLITE_MODULES, enable: () => enableNodeSqlite(dbOptions()) },
];

function dbOptions() {
  return { sensitiveTables: runningConfig().sensitiveTables };
}

function runningConfig() {
  const sdk = startSecotel();
  if (sdk === undefined) throw new Error('secotel is disabled; instrumentations are not enabled');
  return sdk.config;
}

/** The entries to enable: those named in SECOTEL_INSTRUMENTATIONS (all when unset), less the disabled ones. */
export function selectInstrumentations(
  enabled: readonly string[] | undefined,
  disabled: readonly string[],
): InstrumentationEntry[] {
  return INSTRUMENTATIONS.filter(
    (entry) => (enabled === undefined || enabled.includes(entry.name)) && !disabled.includes(entry.name),
  );
}
