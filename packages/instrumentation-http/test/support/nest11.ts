import { copyFileSync, renameSync } from 'node:fs';
import { resolve } from 'node:path';
import { installIntoCache } from '../../../../test-support/cache-install';
import { CACHE_DIR } from '../../../../test-support/paths';
import { type AppSpec, FIXTURES } from './scenario';

/** Where NestJS 11 and a copy of the Nest fixture live, so the fixture there imports Nest 11. */
export const NEST11_DIR = resolve(CACHE_DIR, 'nest11');

const NEST11_VERSION = '11.2.12';
/** Pinned: the newest 11.x of each package (platform-fastify's line ends at 11.2.8). */
const NEST11_PACKAGES = [
  `@nestjs/core@${NEST11_VERSION}`,
  `@nestjs/common@${NEST11_VERSION}`,
  `@nestjs/platform-express@${NEST11_VERSION}`,
  '@nestjs/platform-fastify@11.2.8',
];

/**
 * The repository's own NestJS is 12; its 11 cannot sit beside it in one node_modules (the packages peer-depend on
 * each other by name), so NestJS 11 is installed into the cache on first use, with its own express and fastify.
 * The fixture is copied there by rename, so that no test running in parallel sees it half-written.
 */
export function prepareNest11(): void {
  installIntoCache(NEST11_DIR, NEST11_PACKAGES);
  const staged = `${NEST11_DIR}/nest-app.${process.pid}.mjs`;
  copyFileSync(resolve(FIXTURES, 'nest-app.mjs'), staged);
  renameSync(staged, resolve(NEST11_DIR, 'nest-app.mjs'));
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
