import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { CACHE_DIR, REPO_ROOT } from './paths';

/** Connection details of the throw-away servers scripts/db-servers.sh started for this run. */
export interface DbServers {
  /** KEY=VALUE pairs the script printed: PG_HOST, PG_PORT, PG_USER, MYSQL_PORT, MYSQL_ADMIN_USER, ... */
  readonly env: Record<string, string>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    dbServers: DbServers;
  }
}

const run = promisify(execFile);
const SCRIPT = resolve(REPO_ROOT, 'scripts/db-servers.sh');
const STATE_ROOT = resolve(CACHE_DIR, 'db-servers');
const PREFIX = 'vitest-';
/** Where the tests that need the servers live. */
const NEEDS_SERVERS = resolve(REPO_ROOT, 'packages/instrumentation-db/test');

/**
 * Starts PostgreSQL, MariaDB and FerretDB once per test run (installing or building them first when missing) and
 * hands their connection details to the tests (inject('dbServers')); stops them and deletes their data when
 * the run ends. Servers left by a run that was killed (its process is gone) are stopped first.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  mkdirSync(STATE_ROOT, { recursive: true });
  await reapAbandoned();
  if (!(await runsDatabaseTests(project))) {
    project.provide('dbServers', { env: {} });
    return async () => {};
  }
  const state = resolve(STATE_ROOT, `${PREFIX}${process.pid}`);
  const { stdout } = await run('bash', [SCRIPT, 'start', state], {
    maxBuffer: 1 << 20,
    timeout: 15 * 60_000,
  }).catch((error: { stderr?: string; message: string }) => {
    throw new Error(`could not start the database servers: ${error.stderr ?? error.message}`);
  });
  const env = Object.fromEntries(
    stdout
      .split('\n')
      .map((line) => /^([A-Z_]+)=(.*)$/.exec(line))
      .filter((match) => match !== null)
      .map((match) => [match[1], match[2]]),
  ) as Record<string, string>;
  project.provide('dbServers', { env });
  return async () => {
    await run('bash', [SCRIPT, 'stop', state], { timeout: 120_000 });
  };
}

/**
 * Whether this run includes a test that needs the servers: a run filtered to other files (`vitest run
 * packages/sdk`) does not start them. Anything unexpected counts as yes.
 */
async function runsDatabaseTests(project: TestProject): Promise<boolean> {
  try {
    const filters = (project.vitest as { filenamePattern?: string[] }).filenamePattern;
    if (filters === undefined || filters.length === 0) return true;
    const specifications = await project.vitest.globTestSpecifications(filters);
    return specifications.some((spec) => spec.moduleId.includes(`${NEEDS_SERVERS}`));
  } catch {
    return true;
  }
}

async function reapAbandoned(): Promise<void> {
  for (const name of readdirSync(STATE_ROOT)) {
    if (!name.startsWith(PREFIX)) continue;
    const pid = Number(name.slice(PREFIX.length));
    if (Number.isInteger(pid) && isAlive(pid)) continue;
    await run('bash', [SCRIPT, 'stop', resolve(STATE_ROOT, name)], { timeout: 120_000 });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
