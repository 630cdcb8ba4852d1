// Start-up cost, side by side in one run; writes bench/sdk/STARTUP-RESULTS.md.
// Run with `npm run build && node_modules/.bin/node bench/sdk/startup.mjs` (BENCH_STARTUP_RUNS overrides 20).
// Measured: wall-clock milliseconds of a whole process (spawn to exit), an empty app and an Express 5 app that
// listens once and ends, each bare and with `--import @secotel/node/register`, runs interleaved. Then, with a
// timing preload (load-timer.cjs), where the added time lies: the register entry's parts and modules per package.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 20);
const APPS = { empty: 'empty-app.mjs', express: 'express-app.mjs' };
// Where nothing listens: the process must not depend on the collector to start.
const ENV = { PATH: process.env.PATH, OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'http://127.0.0.1:9/v1/logs' };

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function run(args) {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: here, env: ENV, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  return { ms, stderr: result.stderr };
}

const load = loadavg()[0];
const times = { empty: { bare: [], secotel: [] }, express: { bare: [], secotel: [] } };
for (let i = 0; i < RUNS; i++) {
  for (const [app, file] of Object.entries(APPS)) {
    times[app].bare.push(run([file]).ms);
    times[app].secotel.push(run(['--import', '@secotel/node/register', file]).ms);
  }
}

const breakdowns = [];
for (let i = 0; i < RUNS; i++) {
  const { stderr } = run([
    '--require',
    './load-timer.cjs',
    '--require',
    '@secotel/node/register',
    APPS.empty,
  ]);
  breakdowns.push(JSON.parse(stderr.trim().split('\n').at(-1)));
}
const parts = Object.keys(breakdowns[0].parts);
const modules = breakdowns[0].modules;
const moduleTotal = Object.values(modules).reduce((a, b) => a + b, 0);

const row = (app) => {
  const bare = median(times[app].bare);
  const withSecotel = median(times[app].secotel);
  const budget = app === 'empty' ? 60 : 100;
  const added = withSecotel - bare;
  return `| ${app} | ${bare.toFixed(1)} | ${withSecotel.toFixed(1)} | ${added.toFixed(1)} | <= ${budget} ${added <= budget ? '(met)' : '(NOT met)'} |`;
};
const lines = [
  '# Start-up cost',
  '',
  `Produced by \`npm run build && node_modules/.bin/node bench/sdk/startup.mjs\` on ${new Date().toISOString().slice(0, 10)}:`,
  `Node ${process.versions.node}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, load average ${load.toFixed(1)} at the start`,
  `(a machine shared with other work: compare figures within this file only). ${RUNS} interleaved runs per cell, medians.`,
  '',
  'Whole process, spawn to exit, in ms:',
  '',
  '| app | bare node | with `--import @secotel/node/register` | added | budget |',
  '|---|---:|---:|---:|---|',
  row('empty'),
  row('express'),
  '',
  '## Where the added time lies',
  '',
  'Inclusive load time of the parts of the register entry (medians of the runs with the timing preload, which',
  'itself slows loading a little; empty app):',
  '',
  '| part | median ms |',
  '|---|---:|',
  ...parts.map((part) => `| ${part} | ${median(breakdowns.map((b) => b.parts[part] ?? 0)).toFixed(1)} |`),
  '',
  `Modules loaded with secotel, empty app: ${moduleTotal}.`,
  '',
  '| package | modules |',
  '|---|---:|',
  ...Object.entries(modules)
    .sort((a, b) => b[1] - a[1])
    .map(([name, count]) => `| ${name} | ${count} |`),
  '',
];
writeFileSync(resolve(here, 'STARTUP-RESULTS.md'), lines.join('\n'));
console.log(lines.join('\n'));
