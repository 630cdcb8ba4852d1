import { isBuiltin } from 'node:module';
import type { SecotelSdk } from '@secotel/sdk';
import { errorType } from '@secotel/sdk';
import { OUTLINES } from './instrumentation-outlines.generated';
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
 * Records sys_monitor_disabled for each instrumentation switched off by configuration, or that cannot attach to
 * the library the application installs (a version outside the ranges of its module definitions, read from its
 * outline: no class is loaded). Returns those to enable, and the libraries installed.
 */
export function checkInstrumentations(
  sdk: SecotelSdk,
  all: readonly string[],
  selected: readonly string[],
): { usable: string[]; libraries: string[] } {
  const installed = new Map(all.map((name) => [name, installedAt(LIBRARIES[name])]));
  const usable: string[] = [];
  for (const name of all) {
    if (!selected.includes(name)) {
      sdk.recordMonitorDisabled(name, 'configuration');
      continue;
    }
    const packageJson = installed.get(name);
    const unsupported =
      typeof packageJson === 'string'
        ? unsupportedVersion(LIBRARIES[name] as string, packageJson, OUTLINES[name]?.modules ?? [])
        : undefined;
    if (unsupported !== undefined) sdk.recordMonitorDisabled(name, unsupported);
    else usable.push(name);
  }
  const libraries = all.filter((name) => installed.get(name) !== undefined);
  return { usable, libraries: libraries.map((name) => LIBRARIES[name] as string) };
}

/**
 * Enables the instrumentations one by one, so that one failing leaves the others on; records
 * sys_monitor_disabled for one whose enable() throws. Returns the names of those enabled.
 */
export function enableEach(sdk: SecotelSdk, instrumentations: readonly NamedInstrumentation[]): string[] {
  const enabled: string[] = [];
  for (const { name, instrumentation } of instrumentations) {
    try {
      instrumentation.enable();
      enabled.push(name);
    } catch (error) {
      sdk.recordMonitorDisabled(name, `failed to attach: ${errorType(error)}`);
    }
  }
  return enabled;
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
