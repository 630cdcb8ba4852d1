// Running the demo script from the tests: in its own output folder, with a marker in its environment that its
// children (and the stack's processes) inherit, so that a test can tell whether any of them is left.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { NODE_BINARY, REPO_ROOT } from '../../test-support/paths';

const DEMO = resolve(REPO_ROOT, 'examples/demo/run-demo.mjs');
export const COLLECTOR = resolve(REPO_ROOT, 'otel-collector/.build/otelcol-secotel/otelcol-secotel');

export interface DemoRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  marker: string;
  dir: string;
}

/** Every process (but this one) whose environment carries the run's marker: the demo's children inherit it. */
export function processesWithMarker(marker: string): number[] {
  const needle = `DEMO_TEST_MARKER=${marker}`;
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(needle);
      } catch {
        return false; // gone meanwhile, or not readable
      }
    })
    .map(Number);
}

/**
 * Runs the demo with --no-build (the collector is built before the tests) in its own output directory.
 * `whenPrinted` is called with the child once stdout contains `waitFor`.
 */
export function runDemo(
  options: {
    args?: string[];
    env?: Record<string, string>;
    timeoutMillis?: number;
    waitFor?: string;
    whenPrinted?: (child: ChildProcess, stdout: string) => void;
    /** Called with the child as soon as it is spawned (to stop it from outside). */
    onSpawn?: (child: ChildProcess) => void;
  } = {},
): Promise<DemoRun> {
  const marker = randomUUID();
  const dir = mkdtempSync(join(tmpdir(), 'secotel-demo-test-'));
  const child = spawn(NODE_BINARY, [DEMO, '--no-build', '--dir', dir, ...(options.args ?? [])], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CI: 'true',
      DEMO_TEST_MARKER: marker,
      ...options.env,
    },
    timeout: options.timeoutMillis ?? 240_000,
  });
  options.onSpawn?.(child);
  let stdout = '';
  let stderr = '';
  let signalled = false;
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
    if (!signalled && options.waitFor && stdout.includes(options.waitFor)) {
      signalled = true;
      options.whenPrinted?.(child, stdout);
    }
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('close', (code, signal) => done({ code, signal, stdout, stderr, marker, dir }));
  });
}

/** The rows of the printed table that follows the line starting with `title`, split into columns. */
export function printedTable(stdout: string, title: string): string[][] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith(title));
  if (start < 0) return [];
  const rows: string[][] = [];
  for (const line of lines.slice(start + 3)) {
    if (line.trim() === '') break;
    rows.push(line.split(/ {2,}/).map((cell) => cell.trim()));
  }
  return rows;
}
