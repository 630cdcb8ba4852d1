import { spawn } from 'node:child_process';
import { NODE_BINARY } from './paths';

export interface NodeRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a script with Node 24 as a child process and collects its output (bounded by a timeout). */
export function runNode(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string | undefined>; timeoutMillis?: number },
): Promise<NodeRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE_BINARY, args, {
      cwd: options.cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env },
      timeout: options.timeoutMillis ?? 30_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
