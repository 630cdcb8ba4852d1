import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CACHE_DIR } from '../../../../test-support/paths';
import { type AppSpec, FIXTURES } from './scenario';

/** Where NestJS 11 and a copy of the Nest fixture live, so the fixture there imports Nest 11. */
export const NEST11_DIR = resolve(CACHE_DIR, 'nest11');

/** Pinned: the newest 11.x of each package (platform-fastify's line ends at 11.2.8). */
const NEST11_PACKAGES = [
  '@nestjs/common@11.2.12',
  '@nestjs/core@11.2.12',
  '@nestjs/platform-express@11.2.12',
  '@nestjs/platform-fastify@11.2.8',
];

/**
 * The repository's own NestJS is 12; its 11 cannot sit beside it in one node_modules (the packages peer-depend on
 * each other by name), so NestJS 11 is installed from the npm registry into the cache on first use, with its own
 * express and fastify, the way the Node 22 unit run installs its Node. The fixture is copied next to it each time.
 */
export function prepareNest11(): void {
  const core = resolve(NEST11_DIR, 'node_modules/@nestjs/core/package.json');
  const installed = existsSync(core)
    ? (JSON.parse(readFileSync(core, 'utf8')) as { version: string }).version
    : '';
  if (installed !== '11.2.12') {
    execFileSync(
      'npm',
      [
        'install',
        '--prefix',
        NEST11_DIR,
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        ...NEST11_PACKAGES,
      ],
      { stdio: ['ignore', 'ignore', 'inherit'], timeout: 300_000 },
    );
  }
  copyFileSync(resolve(FIXTURES, 'nest-app.mjs'), resolve(NEST11_DIR, 'nest-app.mjs'));
}

/** The Nest shop fixture on one adapter, of NestJS 12 (the repository's) or 11 (installed into the cache). */
export function nestShop(
  adapter: 'express' | 'fastify',
  major: 11 | 12,
  env: Record<string, string> = {},
): { app: AppSpec; prepare?: () => void } {
  const app: AppSpec = { flag: '--import', script: 'nest-app.mjs', env: { ...env, NEST_ADAPTER: adapter } };
  return major === 11 ? { app: { ...app, cwd: NEST11_DIR }, prepare: prepareNest11 } : { app };
}
