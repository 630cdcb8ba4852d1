// A hello-world under autocannon, side by side in one run: bare, with secotel, with OpenTelemetry's
// auto-instrumentations (exporting to a discarding OTLP sink on loopback). BENCH_APP picks the framework:
// express (default, writes bench/http/RESULTS.md), hapi or nestjs (RESULTS-hapi.md, RESULTS-nestjs.md).
// Run: `npm run build && node_modules/.bin/node bench/http/run.mjs` (BENCH_ROUNDS, BENCH_DURATION_S,
// BENCH_CONNECTIONS override the defaults). Traffic goes to 127.0.0.1 only.
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { median } from '../stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const WARMUP_S = 1;

const APPS = {
  express: { script: 'hello-app.mjs', title: 'Express 5 hello-world', results: 'RESULTS.md' },
  hapi: { script: 'hello-hapi.mjs', title: 'hapi 21 hello-world', results: 'RESULTS-hapi.md' },
  nestjs: {
    script: 'hello-nest.mjs',
    title: 'NestJS 12 hello-world (express adapter, a global guard that lets every request through)',
    results: 'RESULTS-nestjs.md',
  },
};
const APP_NAME = process.env.BENCH_APP ?? 'express';
const APP = APPS[APP_NAME];
if (APP === undefined) {
  throw new Error(`BENCH_APP=${APP_NAME} is not known; use one of ${Object.keys(APPS).join(', ')}`);
}

const VARIANTS = [
  { name: 'bare', args: [] },
  { name: 'secotel', args: ['--import', '@secotel/node/register'] },
  { name: 'otel-auto', args: ['--import', '@opentelemetry/auto-instrumentations-node/register'] },
];

const hasTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
/** The app gets core 0 and the load generator core 1, so they do not steal each other's time. */
const onCore = (core, command, args) =>
  hasTaskset ? ['taskset', ['-c', String(core), command, ...args]] : [command, args];

function startProcess(args, env) {
  const [command, commandArgs] = onCore(0, process.execPath, args);
  const child = spawn(command, commandArgs, {
    cwd: here,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const firstLine = new Promise((ready, fail) => {
    child.once('exit', (code) => fail(new Error(`${args.join(' ')} exited with ${code}`)));
    createInterface({ input: child.stdout }).once('line', ready);
  });
  return { child, firstLine };
}

async function stop(child) {
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

const load = (url, duration) => autocannon({ url, connections: CONNECTIONS, duration, workers: 0 });

async function measure(variant, sinkUrl) {
  const { child, firstLine } = startProcess([...variant.args, APP.script], {
    OTEL_SERVICE_NAME: 'bench-http',
    OTEL_EXPORTER_OTLP_ENDPOINT: sinkUrl,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    OTEL_METRICS_EXPORTER: 'none',
    OTEL_LOG_LEVEL: 'error',
    // No cloud metadata look-ups: they only fail here, and they are not on the request path.
    OTEL_NODE_RESOURCE_DETECTORS: 'env,host,os,process',
  });
  const port = /listening (\d+)/.exec(await firstLine)[1];
  const url = `http://127.0.0.1:${port}/`;
  try {
    await load(url, WARMUP_S);
    const result = await load(url, DURATION_S);
    if (result.errors > 0 || result.non2xx > 0)
      throw new Error(`${variant.name}: ${result.errors} errors, ${result.non2xx} non-2xx`);
    return { requestsPerSecond: result.requests.average, latency: result.latency };
  } finally {
    await stop(child);
  }
}

const sink = startProcess([resolve(here, '../sdk/discard-server.mjs')], {});
const sinkUrl = await sink.firstLine;
const runs = Object.fromEntries(VARIANTS.map((variant) => [variant.name, []]));
try {
  // Rounds interleave the variants, so drift on a shared machine hits all of them alike.
  for (let round = 1; round <= ROUNDS; round++) {
    for (const variant of VARIANTS) {
      const run = await measure(variant, sinkUrl);
      runs[variant.name].push(run);
      console.error(
        `round ${round} ${variant.name}: ${Math.round(run.requestsPerSecond)} req/s, p99 ${run.latency.p99} ms`,
      );
    }
  }
} finally {
  await stop(sink.child);
}

const bare = median(runs.bare.map((r) => r.requestsPerSecond));
const rows = VARIANTS.map(({ name }) => {
  const rps = median(runs[name].map((r) => r.requestsPerSecond));
  const pct = (key) => median(runs[name].map((r) => r.latency[key]));
  const rounds = runs[name].map((r) => Math.round(r.requestsPerSecond)).join(', ');
  return `| ${name} | ${Math.round(rps)} | ${(rps / bare).toFixed(3)} | ${pct('p50')} | ${pct('p90')} | ${pct('p99')} | ${rounds} |`;
});
const report = `# HTTP layer benchmark

${APP.title} (\`bench/http/${APP.script}\`) under autocannon, ${CONNECTIONS} connections, ${DURATION_S} s per
measurement after a ${WARMUP_S} s warm-up, ${ROUNDS} rounds interleaving the variants; medians over the rounds. No
security event fires during the run (every request is a 200). The app runs on core 0, autocannon on core 1
(${hasTaskset ? 'taskset' : 'no taskset: unpinned'}); ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, shared
with other work, so compare the variants within this run only.

- bare: \`node ${APP.script}\`
- secotel: \`node --import @secotel/node/register ${APP.script}\` (all instrumentations enabled)
- otel-auto: \`node --import @opentelemetry/auto-instrumentations-node/register ${APP.script}\`, traces exported
  over OTLP/protobuf to a discarding sink on loopback, metrics off

| variant | req/s | vs bare | p50 ms | p90 ms | p99 ms | req/s in each round |
| --- | ---: | ---: | ---: | ---: | ---: | --- |
${rows.join('\n')}

The budget (bench/README.md) for secotel is at least 0.95 of bare throughput when no event fires.

Produced by \`${APP_NAME === 'express' ? '' : `BENCH_APP=${APP_NAME} `}node_modules/.bin/node bench/http/run.mjs\` on ${new Date().toISOString().slice(0, 10)}.
`;
writeFileSync(resolve(here, APP.results), report);
process.stdout.write(report);
