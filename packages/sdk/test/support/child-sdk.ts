import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const REPO = join(__dirname, '../../../..');

export interface ChildResult {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a CommonJS script against the built @secotel/sdk in a child process, so that a hang or a crash is a
 * failed assertion instead of a stuck test worker. `timeoutMillis` is a generous bound, not a measurement.
 */
export function runChild(
  script: string,
  options: { env?: NodeJS.ProcessEnv; nodeArgs?: string[]; timeoutMillis?: number } = {},
): ChildResult {
  const result = spawnSync(process.execPath, [...(options.nodeArgs ?? []), '-e', script], {
    cwd: REPO,
    env: { PATH: process.env.PATH, ...options.env },
    encoding: 'utf8',
    timeout: options.timeoutMillis ?? 30_000,
    killSignal: 'SIGKILL',
  });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}
