// Start-up side by side in one run: a bare `node` against `--import @secotel/node/register`, for an empty
// application and for one that builds an express app, with the modules each loads. Writes RESULTS.md here.
// Run: `npm run build && node bench/startup/run.mjs` (STARTUP_RUNS=20 by default).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = Number(process.env.STARTUP_RUNS ?? 20);
const APPS = ['empty', 'express'];
const env = { ...process.env, OTEL_LOGS_EXPORTER: 'none', OTEL_SERVICE_NAME: 'bench' };

function run(app, withSecotel) {
  const args = [...(withSecotel ? ['--import', '@secotel/node/register'] : []), 'loaded-modules.mjs', app];
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: here, env, encoding: 'utf8' });
  const millis = performance.now() - started;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  return { millis, ...JSON.parse(result.stdout) };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rows = [];
const secotelPackages = {};
for (const app of APPS) {
  const times = { bare: [], secotel: [] };
  let last;
  // Interleaved, so that a slower moment of the machine weighs on both sides alike.
  for (let i = 0; i < RUNS; i++) {
    times.bare.push(run(app, false).millis);
    last = run(app, true);
    times.secotel.push(last.millis);
  }
  const bare = run(app, false);
  rows.push({ app, bare: median(times.bare), secotel: median(times.secotel), bareModules: bare, secotelModules: last });
  secotelPackages[app] = Object.fromEntries(
    Object.entries(last.packages).filter(([name]) => name.startsWith('@secotel/') || !(name in bare.packages)),
  );
}

const lines = [
  '# Start-up: bare node against `--import @secotel/node/register`',
  '',
  `Command: \`npm run build && node bench/startup/run.mjs\` (${RUNS} interleaved runs each, median wall-clock of the`,
  'whole process; OTEL_LOGS_EXPORTER=none). Node ' + process.version + '.',
  '',
  '| app | bare ms | secotel ms | added ms | CommonJS files bare / secotel | built-ins bare / secotel |',
  '|---|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.app} | ${r.bare.toFixed(1)} | ${r.secotel.toFixed(1)} | ${(r.secotel - r.bare).toFixed(1)} | ${r.bareModules.files} / ${r.secotelModules.files} | ${r.bareModules.builtins} / ${r.secotelModules.builtins} |`,
  ),
  '',
  'Files secotel adds, by package:',
  '',
  ...APPS.map((app) => `- ${app}: ${Object.entries(secotelPackages[app]).map(([n, c]) => `${n} ${c}`).join(', ')}`),
  '',
];
process.stdout.write(lines.join('\n'));
if (process.env.STARTUP_WRITE !== '0') writeFileSync(resolve(here, 'RESULTS.md'), lines.join('\n'));
