// Where secotel's start-up time lies, beside bench/startup/run.mjs (which times whole processes); writes
// BREAKDOWN.md here. Run: `npm run build && node_modules/.bin/node bench/startup/breakdown.mjs` (STARTUP_RUNS=20).
// With a timing preload (load-timer.cjs) before `--require @secotel/node/register`, an empty app: the inclusive load
// time of the register entry's parts and the time of the steps register() runs.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from '../stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = Number(process.env.STARTUP_RUNS ?? 20);
// Where nothing listens: the process must not depend on the collector to start.
const ENV = { PATH: process.env.PATH, OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'http://127.0.0.1:9/v1/logs' };

function run(args) {
  const result = spawnSync(process.execPath, args, { cwd: here, env: ENV, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  return result;
}

const load = loadavg()[0];
const breakdowns = [];
for (let i = 0; i < RUNS; i++) {
  const { stderr } = run([
    '--require',
    './load-timer.cjs',
    '--require',
    '@secotel/node/register',
    'loaded-modules.mjs',
    'empty',
  ]);
  breakdowns.push(JSON.parse(stderr.trim().split('\n').at(-1)));
}
const parts = Object.keys(breakdowns[0].parts);

const lines = [
  '# Where the start-up time lies',
  '',
  `Produced by \`npm run build && node_modules/.bin/node bench/startup/breakdown.mjs\` on ${new Date().toISOString().slice(0, 10)}:`,
  `Node ${process.versions.node}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, load average ${load.toFixed(1)} at the start`,
  `(a machine shared with other work). ${RUNS} runs, medians. Whole-process times and modules: RESULTS.md (run.mjs).`,
  '',
  'Inclusive load time of the parts of the register entry, then the time of the steps register() runs (medians of',
  'the runs with the timing preload, which itself slows loading a little; empty app, started in bench/startup/,',
  "whose version checks read the supported libraries installed in the repository's node_modules):",
  '',
  '| part | median ms |',
  '|---|---:|',
  ...parts.map((part) => `| ${part} | ${median(breakdowns.map((b) => b.parts[part] ?? 0)).toFixed(1)} |`),
  '',
];
writeFileSync(resolve(here, 'BREAKDOWN.md'), lines.join('\n'));
console.log(lines.join('\n'));
