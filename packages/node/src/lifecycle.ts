import { isBuiltin } from 'node:module';
import type { SecotelSdk } from '@secotel/sdk';
import { errorType } from '@secotel/sdk';
import type { NamedInstrumentation } from './instrumentations';
import { packageJsonFrom, unsupportedVersion } from './library-versions';

/** The library each instrumentation attaches to, by the name an application installs or imports it under. */
const LIBRARIES: Readonly<Record<string, string>> = {
  http: 'node:http',
  express: 'express',
  fastify: 'fastify',
  koa: 'koa',
  hapi: '@hapi/hapi',
  nestjs: '@nestjs/core',
  passport: 'passport',
  jsonwebtoken: 'jsonwebtoken',
  jose: 'jose',
  'express-jwt': 'express-jwt',
  'fast-jwt': 'fast-jwt',
  'fastify-jwt': '@fastify/jwt',
  'openid-client': 'openid-client',
  'express-session': 'express-session',
  'better-auth': 'better-auth',
  pg: 'pg',
  mysql2: 'mysql2',
  'better-sqlite3': 'better-sqlite3',
  'node-sqlite': 'node:sqlite',
};

/**
 * Enables the selected instrumentations one by one, so that one failing leaves the others on, and records
 * the lifecycle facts of registration: sys_monitor_disabled for each instrumentation switched off by
 * configuration, or that cannot attach to a library the application installs (a version outside its module
 * definitions' ranges: it is then left off; or enable() throwing), then sys_startup.
 */
export function enableAndReport(
  sdk: SecotelSdk,
  all: readonly string[],
  selected: readonly NamedInstrumentation[],
): void {
  const installed = new Map(all.map((name) => [name, installedAt(LIBRARIES[name])]));
  const enabled: string[] = [];
  for (const name of all) {
    const chosen = selected.find((entry) => entry.name === name);
    if (chosen === undefined) {
      sdk.recordMonitorDisabled(name, 'configuration');
      continue;
    }
    const packageJson = installed.get(name);
    const unsupported =
      typeof packageJson === 'string'
        ? unsupportedVersion(
            LIBRARIES[name] as string,
            packageJson,
            chosen.instrumentation.getModuleDefinitions(),
          )
        : undefined;
    if (unsupported !== undefined) {
      sdk.recordMonitorDisabled(name, unsupported);
      continue;
    }
    try {
      chosen.instrumentation.enable();
      enabled.push(name);
    } catch (error) {
      sdk.recordMonitorDisabled(name, `failed to attach: ${errorType(error)}`);
    }
  }
  sdk.recordStartup({
    instrumentations: enabled,
    libraries: all
      .filter((name) => installed.get(name) !== undefined)
      .map((name) => LIBRARIES[name] as string),
  });
}

/**
 * Where the application starts, is the library installed: true for a built-in module of this Node, the path of
 * its package.json for a package the application's directory resolves, undefined when neither.
 */
function installedAt(library: string | undefined): string | true | undefined {
  if (library === undefined) return undefined;
  if (library.startsWith('node:')) return isBuiltin(library) ? true : undefined;
  return packageJsonFrom(process.cwd(), library);
}
