// A hello-world under autocannon, side by side in one run: bare, with secotel, with OpenTelemetry's
// auto-instrumentations (exporting to a discarding OTLP sink on loopback). BENCH_APP picks the application:
// express (default, writes bench/http/RESULTS.md), express-403 (every request refused: RESULTS-403.md), hapi or
// nestjs (RESULTS-hapi.md, RESULTS-nestjs.md).
//
// Each measurement sends a fixed number of requests and reads the server process's CPU time (user + system,
// the scheduler's count in /proc) before and after: CPU time per request is what the variants are compared by. On a shared machine
// req/s swings with what else runs on the core, while the CPU a request costs stays put; the ratio of CPU per
// request (bare / variant) is the throughput ratio a core of its own would show. req/s is reported beside it.
//
// Run: `npm run build && node_modules/.bin/node bench/http/run.mjs` (BENCH_ROUNDS, BENCH_REQUESTS,
// BENCH_CONNECTIONS override the defaults; BENCH_VARIANTS=bare,secotel runs only those; BENCH_PROFILE=<dir> writes a V8 CPU profile of each run into
// <dir>/<variant>, see PROFILE.md; profiled runs cost more CPU, so their figures are not results). Traffic goes to 127.0.0.1 only.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { median } from '../stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000);
const WARMUP_REQUESTS = 10_000;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const PROFILE_DIR = process.env.BENCH_PROFILE;
/** What a browser sends, so that the per-header work of an instrumentation is paid as in production. */
const HEADERS = {
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'accept-language': 'en-GB,en;q=0.5',
  'accept-encoding': 'gzip, deflate, br, zstd',
  cookie: 'theme=dark; lang=en',
};

const SECOTEL = ['--import', '@secotel/node/register'];
const OTEL_AUTO = ['--import', '@opentelemetry/auto-instrumentations-node/register'];
/** Another built checkout of the repository (before a change): its register entry runs beside this one's. */
const BASELINE = process.env.HTTP_BASELINE;
const baselineVariants = (env) =>
  BASELINE === undefined
    ? []
    : [
        {
          name: 'secotel baseline',
          args: ['--import', resolve(BASELINE, 'packages/node/dist/register.js')],
          env,
        },
      ];
const COMMON_VARIANTS = [
  { name: 'bare', args: [], env: {} },
  { name: 'secotel', args: SECOTEL, env: {} },
  ...baselineVariants({}),
  { name: 'otel-auto', args: OTEL_AUTO, env: {} },
];
const APPS = {
  express: {
    script: 'hello-app.mjs',
    title: 'Express 5 hello-world (every request a 200, no security event)',
    results: 'RESULTS.md',
    status: 200,
    budget: 0.95,
    variants: COMMON_VARIANTS,
  },
  'express-403': {
    script: 'refuse-app.mjs',
    title: 'Express 5, every request answered 403 (secotel records one authz_fail per request)',
    results: 'RESULTS-403.md',
    status: 403,
    budget: 0.85,
    variants: [
      COMMON_VARIANTS[0],
      // The rate cap off: every refusal becomes a record that is redacted, encoded and exported.
      { name: 'secotel', args: SECOTEL, env: { SECOTEL_RATE_CAP: '0' } },
      ...baselineVariants({ SECOTEL_RATE_CAP: '0' }),
      // The defaults: past a burst of 10,000, 1,000 authz_fail/s are exported and the rest folded into a count.
      { name: 'secotel, default rate cap', args: SECOTEL, env: {} },
      COMMON_VARIANTS.at(-1),
    ],
  },
  hapi: {
    script: 'hello-hapi.mjs',
    title: 'hapi 21 hello-world',
    results: 'RESULTS-hapi.md',
    status: 200,
    budget: 0.95,
    variants: COMMON_VARIANTS,
  },
  nestjs: {
    script: 'hello-nest.mjs',
    title: 'NestJS 12 hello-world (express adapter, a global guard that lets every request through)',
    results: 'RESULTS-nestjs.md',
    status: 200,
    budget: 0.95,
    variants: COMMON_VARIANTS,
  },
};
const APP_NAME = process.env.BENCH_APP ?? 'express';
const APP = APPS[APP_NAME];
if (APP === undefined) {
  throw new Error(`BENCH_APP=${APP_NAME} is not known; use one of ${Object.keys(APPS).join(', ')}`);
}
// BENCH_VARIANTS=bare,secotel runs only those (bare always: it is what the others are compared with).
const ONLY = process.env.BENCH_VARIANTS?.split(',');
const unknown = ONLY?.filter((name) => !APP.variants.some((variant) => variant.name === name));
if (unknown?.length) {
  throw new Error(
    `BENCH_VARIANTS names ${unknown.join(', ')}; ${APP_NAME} has ${APP.variants.map((v) => v.name).join(', ')}`,
  );
}
const VARIANTS = APP.variants.filter((v) => ONLY === undefined || v.name === 'bare' || ONLY.includes(v.name));

const hasTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
// The load generator (this process) and the OTLP sink take core 1, the application core 0.
if (hasTaskset && process.env.BENCH_ON_CORE_1 === undefined) {
  const self = spawnSync('taskset', ['-c', '1', process.execPath, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_ON_CORE_1: '1' },
  });
  process.exit(self.status ?? 1);
}
const onCore = (core, command, args) =>
  hasTaskset ? ['taskset', ['-c', String(core), command, ...args]] : [command, args];

function startProcess(core, args, env) {
  const [command, commandArgs] = onCore(core, process.execPath, args);
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

/**
 * CPU seconds a process has run, all its threads (taskset execs node, so the pid is node's): the scheduler's
 * nanosecond count in /proc/<pid>/task/<tid>/schedstat, user and system time together.
 */
function cpuSeconds(pid) {
  let nanoseconds = 0;
  for (const thread of readdirSync(`/proc/${pid}/task`)) {
    nanoseconds += Number(readFileSync(`/proc/${pid}/task/${thread}/schedstat`, 'utf8').split(' ')[0]);
  }
  return nanoseconds / 1e9;
}

// autocannon ends a fixed-amount run at its next sample tick: ticks of 50 ms keep the wall-clock time close.
const load = (url, amount) =>
  autocannon({ url, connections: CONNECTIONS, amount, headers: HEADERS, workers: 0, sampleInt: 50 });

async function startServer(variant, sinkUrl) {
  const profileArgs =
    PROFILE_DIR === undefined
      ? []
      : ['--cpu-prof', '--cpu-prof-interval=100', `--cpu-prof-dir=${resolve(PROFILE_DIR, variant.name)}`];
  const { child, firstLine } = startProcess(0, [...profileArgs, ...variant.args, APP.script], {
    OTEL_SERVICE_NAME: 'bench-http',
    OTEL_EXPORTER_OTLP_ENDPOINT: sinkUrl,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    OTEL_METRICS_EXPORTER: 'none',
    OTEL_LOG_LEVEL: 'error',
    // No cloud metadata look-ups: they only fail here, and they are not on the request path.
    OTEL_NODE_RESOURCE_DETECTORS: 'env,host,os,process',
    ...variant.env,
  });
  const port = /listening (\d+)/.exec(await firstLine)[1];
  return { variant, child, url: `http://127.0.0.1:${port}/`, cpuMark: 0 };
}

async function send(server, amount) {
  const result = await load(server.url, amount);
  const answered = result.statusCodeStats[APP.status]?.count ?? 0;
  if (result.errors > 0 || answered !== result.requests.total) {
    throw new Error(
      `${server.variant.name}: ${result.errors} errors, ${answered} of ${result.requests.total} answered ${APP.status}`,
    );
  }
  return result;
}

/**
 * One slice of load on one server. Its CPU is counted from the end of the server's previous slice, so work an
 * application does after its requests were answered (exporting their records) is counted too.
 */
async function measureSlice(server) {
  const result = await send(server, REQUESTS);
  const cpuMark = cpuSeconds(server.child.pid);
  const cpu = cpuMark - server.cpuMark;
  server.cpuMark = cpuMark;
  return {
    cpuMicrosPerRequest: (cpu * 1e6) / result.requests.total,
    requestsPerSecond: result.requests.total / result.duration,
    latency: result.latency,
  };
}

const loadBefore = loadavg();
const sink = startProcess(1, [resolve(here, '../sdk/discard-server.mjs')], {});
const sinkUrl = await sink.firstLine;
const runs = Object.fromEntries(VARIANTS.map((variant) => [variant.name, []]));
const servers = [];
try {
  // Every variant's server runs through the whole benchmark, and their slices of load take turns: drift on a
  // shared machine hits all of them alike, a few seconds apart at most.
  for (const variant of VARIANTS) servers.push(await startServer(variant, sinkUrl));
  for (const server of servers) {
    await send(server, WARMUP_REQUESTS);
    server.cpuMark = cpuSeconds(server.child.pid);
  }
  for (let round = 1; round <= ROUNDS; round++) {
    // The order turns each round, so no variant always runs right after the same one.
    const order = servers.map((_, i) => servers[(i + round) % servers.length]);
    for (const server of order) {
      const run = await measureSlice(server);
      runs[server.variant.name][round - 1] = run;
      console.error(
        `round ${round} ${server.variant.name}: ${run.cpuMicrosPerRequest.toFixed(1)} µs CPU/request, ` +
          `${Math.round(run.requestsPerSecond)} req/s, p99 ${run.latency.p99} ms`,
      );
    }
  }
} finally {
  for (const server of servers) await stop(server.child);
  await stop(sink.child);
}
const loadAfter = loadavg();

const bareRuns = runs.bare;
const rows = VARIANTS.map(({ name }) => {
  const mine = runs[name];
  const cpu = median(mine.map((r) => r.cpuMicrosPerRequest));
  // The same round's bare run is the fairest reference: it saw the same machine.
  const roundRatios = mine.map((r, i) => bareRuns[i].cpuMicrosPerRequest / r.cpuMicrosPerRequest);
  const rps = median(mine.map((r) => r.requestsPerSecond));
  const bareRps = median(bareRuns.map((r) => r.requestsPerSecond));
  const pct = (key) => median(mine.map((r) => r.latency[key]));
  const perRound = mine.map((r) => r.cpuMicrosPerRequest.toFixed(1)).join(', ');
  return (
    `| ${name} | ${cpu.toFixed(1)} | ${(median(bareRuns.map((r) => r.cpuMicrosPerRequest)) / cpu).toFixed(3)} ` +
    `| ${median(roundRatios).toFixed(3)} | ${Math.round(rps)} | ${(rps / bareRps).toFixed(3)} ` +
    `| ${pct('p50')} | ${pct('p99')} | ${perRound} |`
  );
});
const load3 = (values) => values.map((v) => v.toFixed(2)).join(' ');
const command = `${APP_NAME === 'express' ? '' : `BENCH_APP=${APP_NAME} `}${BASELINE === undefined ? '' : 'HTTP_BASELINE=<built checkout> '}node_modules/.bin/node bench/http/run.mjs`;
const report = `# HTTP layer benchmark: ${APP.title}

\`bench/http/${APP.script}\` under autocannon: ${CONNECTIONS} connections with a browser's request headers, a
${WARMUP_REQUESTS}-request warm-up, then ${REQUESTS} requests measured; ${ROUNDS} rounds interleaving the variants,
medians over the rounds. Every response is checked to be a ${APP.status}. The application runs on core 0, autocannon
and the OTLP sink on core 1 (${hasTaskset ? 'taskset' : 'no taskset: unpinned'}); ${cpus().length} cores
(${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, shared with other work: load average ${load3(loadBefore)}
before, ${load3(loadAfter)} after.

**CPU per request** is the server process's CPU time, user and system, all threads (the scheduler's count in
/proc/<pid>/task/*/schedstat), over the
measured requests; it includes the kernel's loopback TCP work, which every variant pays alike. Its ratio (bare /
variant) is the throughput ratio on a core of the application's own, and it holds still while other work
on the machine makes req/s swing; "per-round ratio" compares each run with the bare run of its own round.
req/s is wall-clock and moves with the machine's load.

- bare: \`node ${APP.script}\`
- secotel: \`node --import @secotel/node/register ${APP.script}\` (all instrumentations enabled, OTLP/protobuf to a
  discarding sink on loopback)
- otel-auto: \`node --import @opentelemetry/auto-instrumentations-node/register ${APP.script}\`, traces exported
  over OTLP/protobuf to the discarding sink, metrics off
${BASELINE === undefined ? '' : '- secotel baseline: the same with the register entry of another built checkout (HTTP_BASELINE), the code before\n  this change\n'}${VARIANTS.some((v) => v.env.SECOTEL_RATE_CAP === '0') ? '- secotel runs with SECOTEL_RATE_CAP=0, so every refusal is recorded, redacted, encoded and exported; "default rate cap" runs\n  with the defaults (a burst of 10,000, then 1,000 records/s per event name, the rest counted in a summary)\n' : ''}
| variant | CPU µs/request | throughput vs bare (CPU) | per-round ratio | req/s | req/s vs bare | p50 ms | p99 ms | CPU µs/request in each round |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
${rows.join('\n')}

The budget (bench/README.md) for secotel is at least ${APP.budget} of bare throughput${APP.status === 200 ? ' when no event fires' : ' with one record per refused request'}.

Produced by \`${command}\` on ${new Date().toISOString().slice(0, 10)}.
`;
// A profiled run costs the profiler too, a partial one lacks variants: they are printed, never written down.
if (PROFILE_DIR === undefined && ONLY === undefined) writeFileSync(resolve(here, APP.results), report);
process.stdout.write(report);
