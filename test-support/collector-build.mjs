// Building otelcol-secotel for the tests, the local stack and the demo: one caller of the build script.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProcessError, startProcess } from './processes.mjs';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCRIPT = 'otel-collector/scripts/build-collector.sh';
/** Where the build script puts the collector. */
export const COLLECTOR_BINARY = resolve(REPO_ROOT, 'otel-collector/.build/otelcol-secotel/otelcol-secotel');

/**
 * Builds otelcol-secotel, or finds it up to date (quick then), with otel-collector/scripts/build-collector.sh
 * and returns the binary's path. The build runs in a process group of its own, so that stopping it (Ctrl-C in
 * the demo, see processes.mjs' stopAll) also stops the go processes it started.
 * @param {{ showProgress?: boolean }} [options]  let the build's progress through to this process' stderr
 * @returns {Promise<string>}
 */
export async function buildCollector(options = {}) {
  const build = startProcess({
    name: 'the collector build',
    command: 'bash',
    args: [resolve(REPO_ROOT, SCRIPT)],
    env: process.env,
    group: true,
    stderr: options.showProgress ? 'inherit' : undefined,
  });
  /** @type {string[]} */
  const printed = [];
  build.onLine((line) => printed.push(line));
  const { code, signal } = await build.exited;
  if (code !== 0) {
    const messages = options.showProgress
      ? 'see its messages above'
      : `its stderr ends with:\n${build.outputTail()}`;
    throw new ProcessError(
      `${SCRIPT} failed (${signal ?? `exit ${code}`}; it needs Go on the PATH); ${messages}`,
    );
  }
  return printed.at(-1) ?? COLLECTOR_BINARY;
}
