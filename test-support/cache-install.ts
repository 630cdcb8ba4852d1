import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkNpmLock } from '../scripts/licence-gate.mjs';

/**
 * Installs pinned npm packages from the npm registry into `dir` (a folder of CACHE_DIR) on first use, for
 * versions that cannot sit in the repository's own node_modules (a second major of a package the repository has,
 * or a package whose peers clash with the repository's). The first package of `packages` (`name@version`) tells
 * whether the folder already holds these pins. Test files run in parallel, so each installs into a staging folder
 * of its own and renames it into place (the first rename wins): no test ever sees a half-written install. These
 * packages are outside the repository's lock file, so the licence gate checks the install's own lock first.
 */
export function installIntoCache(dir: string, packages: readonly string[]): void {
  const probe = pinOf(packages[0]);
  if (installedVersion(dir, probe.name) !== probe.version) install(dir, packages, probe);
}

function pinOf(spec: string | undefined): { name: string; version: string } {
  const at = spec?.lastIndexOf('@') ?? -1;
  if (spec === undefined || at <= 0)
    throw new Error(`installIntoCache: packages must start with a pinned name@version, got ${spec}`);
  return { name: spec.slice(0, at), version: spec.slice(at + 1) };
}

function installedVersion(dir: string, name: string): string | undefined {
  const manifest = resolve(dir, 'node_modules', name, 'package.json');
  return existsSync(manifest)
    ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version
    : undefined;
}

function install(dir: string, packages: readonly string[], probe: { name: string; version: string }): void {
  const staging = `${dir}.${process.pid}`;
  execFileSync(
    'npm',
    ['install', '--prefix', staging, '--save-exact', '--no-audit', '--no-fund', ...packages],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 300_000,
    },
  );
  const { problems } = checkNpmLock(resolve(staging, 'package-lock.json'));
  if (problems.length > 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(
      `installIntoCache: ${packages.join(' ')} brings in disallowed licences: ${problems.join('; ')}`,
    );
  }
  // An install of other versions (the pins changed) makes way; one of these versions, just renamed by another
  // test file, is kept.
  const installed = installedVersion(dir, probe.name);
  if (installed !== undefined && installed !== probe.version) rmSync(dir, { recursive: true, force: true });
  try {
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (installedVersion(dir, probe.name) !== probe.version) throw error;
  }
}
