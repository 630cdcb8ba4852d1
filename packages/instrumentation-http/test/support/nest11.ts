import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { CACHE_DIR } from '../../../../test-support/paths';
import { type AppSpec, FIXTURES } from './scenario';

/** Where NestJS 11 and a copy of the Nest fixture live, so the fixture there imports Nest 11. */
export const NEST11_DIR = resolve(CACHE_DIR, 'nest11');

const NEST11_VERSION = '11.2.12';
/** Pinned: the newest 11.x of each package (platform-fastify's line ends at 11.2.8). */
const NEST11_PACKAGES = [
  `@nestjs/common@${NEST11_VERSION}`,
  `@nestjs/core@${NEST11_VERSION}`,
  `@nestjs/platform-express@${NEST11_VERSION}`,
  '@nestjs/platform-fastify@11.2.8',
];

/**
 * The repository's own NestJS is 12; its 11 cannot sit beside it in one node_modules (the packages peer-depend on
 * each other by name), so NestJS 11 is installed from the npm registry into the cache on first use, with its own
 * express and fastify, the way the Node 22 unit run installs its Node. Test files run in parallel, so each
 * installs into a staging folder of its own and renames it into place (the first rename wins), and the fixture is
 * copied by rename too: no test ever sees a half-written install or fixture.
 */
export function prepareNest11(): void {
  if (installedVersion() !== NEST11_VERSION) install();
  const staged = `${NEST11_DIR}/nest-app.${process.pid}.mjs`;
  copyFileSync(resolve(FIXTURES, 'nest-app.mjs'), staged);
  renameSync(staged, resolve(NEST11_DIR, 'nest-app.mjs'));
}

function installedVersion(): string | undefined {
  const core = resolve(NEST11_DIR, 'node_modules/@nestjs/core/package.json');
  return existsSync(core)
    ? (JSON.parse(readFileSync(core, 'utf8')) as { version: string }).version
    : undefined;
}

function install(): void {
  const staging = `${NEST11_DIR}.${process.pid}`;
  execFileSync(
    'npm',
    [
      'install',
      '--prefix',
      staging,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      ...NEST11_PACKAGES,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], timeout: 300_000 },
  );
  // An install of other versions (the pins changed) makes way; one of these versions, just renamed by another
  // test file, is kept.
  if (installedVersion() !== undefined && installedVersion() !== NEST11_VERSION) {
    rmSync(NEST11_DIR, { recursive: true, force: true });
  }
  try {
    renameSync(staging, NEST11_DIR);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (installedVersion() !== NEST11_VERSION) throw error;
  }
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
