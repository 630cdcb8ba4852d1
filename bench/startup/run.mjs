// Start-up side by side in one run: a bare `node` against `--import @secotel/node/register`, for an empty
// application and for one that builds an express app, with the modules each loads and the CPU time each used.
// With STARTUP_BASELINE set to another built checkout of the repository, its register entry runs as a third
// column (before/after a change).
// Writes RESULTS.md here. Run: `npm run build && node bench/startup/run.mjs` (STARTUP_RUNS=20 by default).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = Number(process.env.STARTUP_RUNS ?? 20);
const APPS = ['empty', 'express'];
const env = { ...process.env, OTEL_LOGS_EXPORTER: 'none', OTEL_SERVICE_NAME: 'bench' };
const baseline = process.env.STARTUP_BASELINE;
const VARIANTS = {
  bare: [],
  secotel: ['--import', '@secotel/node/register'],
  ...(baseline ? { baseline: ['--import', resolve(baseline, 'packages/node/dist/register.js')] } : {}),
};

function run(app, flags) {
  const args = [...flags, 'loaded-modules.mjs', app];
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: here, env, encoding: 'utf8' });
  const millis = performance.now() - started;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  return { millis, ...JSON.parse(result.stdout) };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const names = Object.keys(VARIANTS);
/** The baseline's commit, when it is a git checkout, so that the results say what they were compared with. */
const baselineCommit = baseline
  ? spawnSync('git', ['-C', baseline, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout?.trim()
  : undefined;
const loadAtStart = loadavg()[0];
const rows = [];
for (const app of APPS) {
  const times = Object.fromEntries(names.map((name) => [name, []]));
  const cpu = Object.fromEntries(names.map((name) => [name, []]));
  const loaded = {};
  // Interleaved, so that a slower moment of the machine weighs on every variant alike.
  for (let i = 0; i < RUNS; i++) {
    for (const name of names) {
      loaded[name] = run(app, VARIANTS[name]);
      times[name].push(loaded[name].millis);
      cpu[name].push(loaded[name].cpuMillis);
    }
  }
  const medians = (values) => Object.fromEntries(names.map((name) => [name, median(values[name])]));
  rows.push({ app, millis: medians(times), cpuMillis: medians(cpu), loaded });
}

const added = (packages, bare) =>
  Object.entries(packages)
    .filter(([name]) => name.startsWith('@secotel/') || !(name in bare))
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');
const instrumented = names.filter((name) => name !== 'bare');
const lines = [
  `# Start-up: bare node against \`--import @secotel/node/register\`${baseline ? ' (this tree and a baseline)' : ''}`,
  '',
  `Command: \`npm run build && ${baseline ? 'STARTUP_BASELINE=<built checkout> ' : ''}node bench/startup/run.mjs\` (${RUNS}`,
  `interleaved runs each, median wall-clock of the whole process; OTEL_LOGS_EXPORTER=none). Node ${process.version},`,
  `load average ${loadAtStart.toFixed(1)} at the start and ${loadavg()[0].toFixed(1)} at the end (a 2-core machine shared with other work).`,
  ...(baseline
    ? [`Baseline: a checkout whose HEAD was ${baselineCommit || 'unknown'}, with the dist/ built there.`]
    : []),
  '',
  `| app | ${names.map((name) => `${name} ms`).join(' | ')} | ${instrumented.map((name) => `${name} added ms`).join(' | ')} | CommonJS files ${names.join(' / ')} | built-ins ${names.join(' / ')} |`,
  `|---|${names.map(() => '---:').join('|')}|${instrumented.map(() => '---:').join('|')}|---:|---:|`,
  ...rows.map(
    ({ app, millis, loaded }) =>
      `| ${app} | ${names.map((name) => millis[name].toFixed(1)).join(' | ')} | ${instrumented.map((name) => (millis[name] - millis.bare).toFixed(1)).join(' | ')} | ${names.map((name) => loaded[name].files).join(' / ')} | ${names.map((name) => loaded[name].builtins).join(' / ')} |`,
  ),
  '',
  "CPU time of the process (user and system, all threads) until the application has loaded, the same runs' medians:",
  'a machine busy with other work slows wall-clock time more than this.',
  '',
  `| app | ${names.map((name) => `${name} CPU ms`).join(' | ')} | ${instrumented.map((name) => `${name} added CPU ms`).join(' | ')} |`,
  `|---|${names.map(() => '---:').join('|')}|${instrumented.map(() => '---:').join('|')}|`,
  ...rows.map(
    ({ app, cpuMillis }) =>
      `| ${app} | ${names.map((name) => cpuMillis[name].toFixed(1)).join(' | ')} | ${instrumented.map((name) => (cpuMillis[name] - cpuMillis.bare).toFixed(1)).join(' | ')} |`,
  ),
  '',
  'Files each variant adds to the bare app, by package:',
  '',
  ...rows.flatMap(({ app, loaded }) =>
    instrumented.map((name) => `- ${app}, ${name}: ${added(loaded[name].packages, loaded.bare.packages)}`),
  ),
  '',
];
process.stdout.write(lines.join('\n'));
if (process.env.STARTUP_WRITE !== '0') writeFileSync(resolve(here, 'RESULTS.md'), lines.join('\n'));
