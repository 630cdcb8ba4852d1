import { existsSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { join } from 'node:path';
import type { SecotelSdk } from '@secotel/sdk';
import { errorType } from '@secotel/sdk';
import type { NamedInstrumentation } from './instrumentations';

/** The library each instrumentation attaches to, by the name an application installs or imports it under. */
const LIBRARIES: Readonly<Record<string, string>> = {
  http: 'node:http',
  express: 'express',
  fastify: 'fastify',
  koa: 'koa',
  passport: 'passport',
  jsonwebtoken: 'jsonwebtoken',
  jose: 'jose',
  'express-session': 'express-session',
  pg: 'pg',
  mysql2: 'mysql2',
  'better-sqlite3': 'better-sqlite3',
  'node-sqlite': 'node:sqlite',
};

/**
 * Enables the selected instrumentations one by one, so that one failing leaves the others on, and records
 * the lifecycle facts of registration: sys_monitor_disabled for each instrumentation switched off by
 * configuration or failing to attach to a library that is installed, then sys_startup.
 */
export function enableAndReport(
  sdk: SecotelSdk,
  all: readonly string[],
  selected: readonly NamedInstrumentation[],
): void {
  const found = all.filter((name) => isInstalled(LIBRARIES[name]));
  const enabled: string[] = [];
  for (const name of all) {
    const chosen = selected.find((entry) => entry.name === name);
    if (chosen === undefined) {
      sdk.recordMonitorDisabled(name, 'configuration');
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
    libraries: found.map((name) => LIBRARIES[name] as string),
  });
}

/** Installed where the application starts: a built-in module of this Node, or a package its directory resolves. */
function isInstalled(library: string | undefined): boolean {
  if (library === undefined) return false;
  if (library.startsWith('node:')) return isBuiltin(library);
  const paths = createRequire(join(process.cwd(), 'index.js')).resolve.paths(library) ?? [];
  return paths.some((dir) => existsSync(join(dir, library, 'package.json')));
}
