// HTTP request cost, side by side in one run: a hello-world bare, with secotel, with OpenTelemetry's
// auto-instrumentations (exporting to a discarding OTLP sink on loopback). BENCH_APP picks the application:
// express (default, writes bench/http/RESULTS.md), express-403 (every request refused: RESULTS-403.md), hapi or
// nestjs (RESULTS-hapi.md, RESULTS-nestjs.md).
//
// The variants are compared by the CPU time a request costs their server process, not by req/s: on a shared
// machine req/s swings with whatever else runs. A round's servers, one per variant, run on the same core, and
// autocannon loads all of them at once for the same time, so what else runs hits them alike
// at the same moment; each server's CPU time (the scheduler's count in /proc) over the round, divided by the
// requests it answered, gives its cost per request, and bare's cost divided by a variant's in the same round is
// the throughput ratio. The median over the rounds is the result.
//
// Run: `npm run build && node_modules/.bin/node bench/http/run.mjs`. BENCH_ROUNDS, BENCH_WARMUP_REQUESTS,
// BENCH_DURATION_S and BENCH_CONNECTIONS (per server) override the defaults; BENCH_MEASURE=alone measures each
// server by itself and BENCH_RATE=<requests/s per server> loads at that rate (results in RESULTS-alone.md,
// RESULTS-open.md and the like); BENCH_VARIANTS=bare,secotel runs only those (and is the only way to run the
// optional ones: floor, secotel-sdk-only, client-posts and client-posts-worker, and for the refusal load
// otel-auto; with the floor, the report also gives secotel against it);
// HTTP_BASELINE=<another built checkout> runs its register entry beside this one's (before/after a change);
// BENCH_PROFILE=<dir> writes a V8 CPU profile of each server into <dir>/<variant> (see PROFILE.md). Partial and
// profiled runs are printed only. Traffic goes to 127.0.0.1 only.
//
// A server process can land in a slower state for its whole life for reasons that have nothing to do with its code:
// the same build, started once as `--import @secotel/node/register` and once by its absolute path, measured 0.734
// against 0.876 in one run and 0.917 against 0.890 in the next, and adding one environment variable of 40 or 200
// characters to the slow one made it as fast as the other (the size of the environment moves the process's initial
// stack, a known bias of such measurements). So no server lives through the run: every round starts a new server
// per variant, in a random order, each with an environment padded by a random number of characters, warms them up,
// measures them, and stops them. A server's luck is then one round's noise, which the median over rounds removes,
// instead of a bias of every round.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { median, quartiles } from '../stats.mjs';
import { chosenApp, serverEnv, stop } from './servers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 2);
/**
 * Requests each server answers before a round is measured, all servers loaded at once. A young process is still
 * compiling its hot code and growing its heap, which weighs most on the variants with the most code and
 * allocation. A count, not a time, since how far a server gets in a second depends on the machine: on one that
 * ran requests three times slower than another, 4 s of the core gave each server about 50,000 requests while
 * V8 was still optimizing (secotel 696 optimizations and 77 deoptimizations in its first 100,000 requests, 33
 * and 3 in the next 100,000; bare 509 and 25, then 36 and 3), and secotel measured 0.942 of bare where 12 s
 * gave 0.961 (PROFILE.md).
 */
const WARMUP_REQUESTS = Number(process.env.BENCH_WARMUP_REQUESTS ?? 100_000);
/** Longer than the batch processor's 1 s schedule: the records of the warm-up are exported before a round's
 * CPU count starts, and those of the round before it ends. */
const SETTLE_MS = 1_500;
/** Up to this many characters of padding in a server's environment (a page of stack, with room to spare). */
const MAX_PADDING = 4_096;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const PROFILE_DIR = process.env.BENCH_PROFILE;
/**
 * How a round's warmed-up servers are measured: `together` (the default) loads all of them at once, so they share
 * the core; `alone` loads them one after the other, in a random order, each with the core to itself while the
 * others idle. The ratios of servers sharing a core moved with their number (PROFILE.md), so the design is
 * named in every result.
 */
const MEASURE = process.env.BENCH_MEASURE ?? 'together';
if (MEASURE !== 'together' && MEASURE !== 'alone') {
  throw new Error(`BENCH_MEASURE=${MEASURE} is not known; use together or alone`);
}
/**
 * BENCH_RATE=<requests per second per server>: an open load at that rate instead of as fast as each server
 * answers, so that every server does the same work with the same arrivals; keep the servers' sum well below
 * what the core can answer.
 */
const RATE = process.env.BENCH_RATE === undefined ? undefined : Number(process.env.BENCH_RATE);
if (RATE !== undefined && !(RATE > 0)) {
  throw new Error(
    `BENCH_RATE=${process.env.BENCH_RATE} is not a rate; use requests per second per server, e.g. 2500`,
  );
}
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
  // Run only when BENCH_VARIANTS names them: where secotel's cost comes from (PROFILE.md, "The floor").
  {
    name: 'floor',
    args: ['--import', './floor/request-context.mjs'],
    env: {},
    optional: true,
  },
  {
    name: 'secotel-sdk-only',
    args: SECOTEL,
    env: { SECOTEL_DISABLED_INSTRUMENTATIONS: 'http,express' },
    optional: true,
  },
  // Bare with node's HTTP client posting beside the server, in its thread or a worker's (PROFILE.md).
  { name: 'client-posts', args: ['--import', './client-posts/main-thread.mjs'], env: {}, optional: true },
  {
    name: 'client-posts-worker',
    args: ['--import', './client-posts/worker-thread.mjs'],
    env: {},
    optional: true,
  },
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
      { name: 'secotel-default-cap', args: SECOTEL, env: {} },
      // A cap of one record a second: nearly every refusal is folded, so this is what a folded refusal costs.
      {
        name: 'secotel-all-folded',
        args: SECOTEL,
        env: { SECOTEL_RATE_CAP: '1', SECOTEL_RATE_CAP_BURST: '1' },
      },
      // Plain OpenTelemetry logging the same record for every refusal, without redaction or security logic: the
      // refusal load's reference. OpenTelemetry's auto-instrumentations record traces, not refusals, and a
      // server that heavy on the core weighs on secotel's ratio (PROFILE.md): asked for by name only.
      { name: 'otel-logs', args: ['--import', './otel-logs/refusal-log.mjs'], env: {} },
      ...COMMON_VARIANTS.filter((v) => v.name === 'otel-auto' || v.optional).map((v) => ({
        ...v,
        optional: true,
      })),
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
const { name: APP_NAME, app: APP } = chosenApp(APPS);
// BENCH_VARIANTS=bare,secotel runs only those (bare always: it is what the others are compared with).
const ONLY = process.env.BENCH_VARIANTS?.split(',');
const unknown = ONLY?.filter((name) => !APP.variants.some((variant) => variant.name === name));
if (unknown?.length) {
  throw new Error(
    `BENCH_VARIANTS names ${unknown.join(', ')}; ${APP_NAME} has ${APP.variants.map((v) => v.name).join(', ')}`,
  );
}
const VARIANTS = APP.variants.filter((v) =>
  ONLY === undefined ? !v.optional : v.name === 'bare' || ONLY.includes(v.name),
);

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

const load = (url, length) =>
  autocannon({
    url,
    connections: CONNECTIONS,
    headers: HEADERS,
    workers: 0,
    ...(RATE === undefined ? {} : { overallRate: RATE }),
    ...length,
  });

async function startServer(variant, sinkUrl) {
  const profileArgs =
    PROFILE_DIR === undefined
      ? []
      : ['--cpu-prof', '--cpu-prof-interval=100', `--cpu-prof-dir=${resolve(PROFILE_DIR, variant.name)}`];
  const { child, firstLine } = startProcess(0, [...profileArgs, ...variant.args, APP.script], {
    ...serverEnv(sinkUrl),
    // Only its size matters: it moves where the process's stack starts (see the top of this file).
    BENCH_PADDING: 'x'.repeat(Math.floor(Math.random() * MAX_PADDING)),
    ...variant.env,
  });
  const port = /listening (\d+)/.exec(await firstLine)[1];
  return { variant, child, url: `http://127.0.0.1:${port}/` };
}

function checkAnswers(server, result) {
  const answered = result.statusCodeStats[APP.status]?.count ?? 0;
  if (result.errors > 0 || answered !== result.requests.total) {
    throw new Error(
      `${server.variant.name}: ${result.errors} errors, ${answered} of ${result.requests.total} answered ${APP.status}`,
    );
  }
}

const settle = () => new Promise((done) => setTimeout(done, SETTLE_MS));

/**
 * One round's load on one server, already warmed up. Its CPU is counted until the records of the round's requests
 * were exported (see SETTLE_MS), so that work is counted too.
 */
async function measureRound(server) {
  const cpuMark = cpuSeconds(server.child.pid);
  const result = await load(server.url, { duration: DURATION_S });
  checkAnswers(server, result);
  await settle();
  const cpu = cpuSeconds(server.child.pid) - cpuMark;
  return {
    requests: result.requests.total,
    cpuMicrosPerRequest: (cpu * 1e6) / result.requests.total,
    requestsPerSecond: result.requests.total / result.duration,
    latency: result.latency,
  };
}

/** BENCH_MEASURE=alone: each server measured by itself, in a random order; results in the servers' order. */
async function oneAtATime(servers) {
  const runOf = new Map();
  for (const server of shuffled(servers)) runOf.set(server, await measureRound(server));
  return servers.map((server) => runOf.get(server));
}

/** The variants in a random order (Fisher-Yates), so that none is always started first. */
function shuffled(variants) {
  const order = [...variants];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

const loadBefore = loadavg();
const sink = startProcess(1, [resolve(here, '../sdk/discard-server.mjs')], {});
const sinkUrl = await sink.firstLine;
const runs = Object.fromEntries(VARIANTS.map((variant) => [variant.name, []]));
const answered = Object.fromEntries(VARIANTS.map((variant) => [variant.name, 0]));
try {
  for (let round = 1; round <= ROUNDS; round++) {
    // All of a round's servers are warmed up and loaded at the same time, on the same core: what else runs on
    // the machine hits all of them alike, at the same moment.
    const servers = [];
    try {
      for (const variant of shuffled(VARIANTS)) servers.push(await startServer(variant, sinkUrl));
      await Promise.all(
        servers.map(async (server) => {
          const warmup = await load(server.url, { amount: WARMUP_REQUESTS });
          checkAnswers(server, warmup);
          answered[server.variant.name] += warmup.requests.total;
        }),
      );
      await settle();
      const measured =
        MEASURE === 'alone' ? await oneAtATime(servers) : await Promise.all(servers.map(measureRound));
      for (const [i, run] of measured.entries()) {
        const { name } = servers[i].variant;
        runs[name].push(run);
        answered[name] += run.requests;
      }
    } finally {
      for (const server of servers) await stop(server.child);
    }
    for (const { name } of VARIANTS) {
      const run = runs[name].at(-1);
      console.error(
        `round ${round} ${name}: ${run.cpuMicrosPerRequest.toFixed(1)} µs CPU/request, ` +
          `${Math.round(run.requestsPerSecond)} req/s, p99 ${run.latency.p99} ms`,
      );
    }
  }
} finally {
  // The profile summary reports per request: it needs how many each variant's profiled servers answered.
  if (PROFILE_DIR !== undefined) {
    for (const { name } of VARIANTS)
      writeFileSync(resolve(PROFILE_DIR, name, 'requests'), `${answered[name]}\n`);
  }
  await stop(sink.child);
}
const loadAfter = loadavg();

// A variant's throughput against another's (bare's, or the floor's) in each round: they were loaded at the same moment.
const ratiosAgainst = (reference, name) =>
  runs[name].map((r, i) => runs[reference][i].cpuMicrosPerRequest / r.cpuMicrosPerRequest);
const ratiosOf = (name) => ratiosAgainst('bare', name);
const rows = VARIANTS.map(({ name }) => {
  const mine = runs[name];
  const ratios = ratiosOf(name);
  const pct = (key) => median(mine.map((r) => r.latency[key]));
  return (
    `| ${name} | ${median(mine.map((r) => r.cpuMicrosPerRequest)).toFixed(1)} | **${median(ratios).toFixed(3)}** ` +
    `| ${quartiles(ratios)
      .map((q) => q.toFixed(3))
      .join(' to ')} ` +
    `| ${Math.round(median(mine.map((r) => r.requestsPerSecond)))} | ${pct('p50')} | ${pct('p99')} ` +
    `| ${mine.map((r) => r.cpuMicrosPerRequest.toFixed(1)).join(', ')} |`
  );
});
// A partial run (BENCH_VARIANTS) may leave secotel out: then there is no verdict.
const secotel = runs.secotel === undefined ? undefined : median(ratiosOf('secotel'));
const verdict =
  secotel === undefined
    ? 'secotel was not run'
    : `secotel: ${secotel.toFixed(3)} of bare, ${secotel >= APP.budget ? 'within' : '**below**'} the budget of ${APP.budget}`;
// secotel against a bare request context moved least from run to run and design to design (PROFILE.md).
const floorRatios =
  runs.secotel === undefined || runs.floor === undefined ? undefined : ratiosAgainst('floor', 'secotel');
const againstFloor =
  floorRatios === undefined
    ? ''
    : ` Against the floor in the same rounds: secotel ${median(floorRatios).toFixed(3)} (middle half ${quartiles(
        floorRatios,
      )
        .map((q) => q.toFixed(3))
        .join(' to ')}).`;
// The default cap records 1,000 refusals a second: its share of the refusals depends on the req/s of the shared core.
const capped = runs['secotel-default-cap'];
const cappedShare =
  capped === undefined
    ? ''
    : ` secotel-default-cap recorded about ${Math.round(
        (100 * 1_000) / Math.max(1_000, median(capped.map((r) => r.requestsPerSecond))),
      )} % of its refusals (1,000 a second of its median req/s on the shared core; on a core of its own, answering several times as many, the share is smaller).`;
const load3 = (values) => values.map((v) => v.toFixed(2)).join(' ');
const command = `${MEASURE === 'alone' ? 'BENCH_MEASURE=alone ' : ''}${RATE === undefined ? '' : `BENCH_RATE=${RATE} `}${APP_NAME === 'express' ? '' : `BENCH_APP=${APP_NAME} `}${BASELINE === undefined ? '' : 'HTTP_BASELINE=<built checkout> '}node_modules/.bin/node bench/http/run.mjs`;
const report = `# HTTP request cost: ${APP.title}

\`bench/http/${APP.script}\`, ${ROUNDS} rounds. Each round starts a new server per variant (in a random order, each
with its environment padded by a random number of characters: a process's speed can depend on where its stack starts,
see run.mjs), all on core 0 (${hasTaskset ? 'taskset' : 'no taskset: unpinned'}), with autocannon and the OTLP sink on core 1;
warms all of them up at once with ${WARMUP_REQUESTS.toLocaleString('en')} requests each, then loads ${MEASURE === 'alone' ? 'each of them alone (in a random order, the others idle)' : 'all of them at once'} for ${DURATION_S} s, ${CONNECTIONS} connections
each${RATE === undefined ? '' : ` (an open load of ${RATE} requests/s per server, warm-up included)`}, with a browser's request headers, and stops them. Every response is checked to be a ${APP.status}.
${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, shared with other work: load
average ${load3(loadBefore)} before, ${load3(loadAfter)} after.

**CPU µs/request** is the server process's CPU time (user and system, all threads: the scheduler's count in
/proc/<pid>/task/*/schedstat) from the start of its load until ${SETTLE_MS / 1000} s after it (so that the export of the round's
records is counted), divided by the requests it answered; it includes the kernel's loopback TCP work, which
every variant pays alike.
**Throughput vs bare** is bare's CPU per request divided by the variant's in the same round (${MEASURE === 'alone' ? 'the servers were\nloaded one after the other within seconds' : 'the servers were\nloaded at the same moment'}, so other work on the machine weighs on both), median over the rounds: the
throughput ratio each would show on a core of its own. ${MEASURE === 'alone' ? 'req/s and latencies are those of a server with the core to itself.' : 'req/s and latencies are those of servers sharing\none core and are not comparable with other runs.'}

- bare: \`node ${APP.script}\`
- secotel: \`node --import @secotel/node/register ${APP.script}\` (all instrumentations enabled, OTLP/protobuf to
  the discarding sink)
${VARIANTS.some((v) => v.name === 'otel-auto') ? `- otel-auto: \`node --import @opentelemetry/auto-instrumentations-node/register ${APP.script}\`, traces exported\n  over OTLP/protobuf to the discarding sink, metrics off\n` : ''}${BASELINE === undefined ? '' : '- secotel baseline: the same with the register entry of another built checkout (HTTP_BASELINE): the code\n  before this change\n'}${VARIANTS.some((v) => v.name === 'floor' || v.name === 'secotel-sdk-only') ? '- floor: `node --import ./floor/request-context.mjs`, one request context with no security logic; secotel-sdk-only:\n  secotel with its HTTP and express instrumentations off\n' : ''}${VARIANTS.some((v) => v.name.startsWith('client-posts')) ? "- client-posts: bare, and node's HTTP client posting 500 KB to the sink every 400 ms from the server's thread\n  (`--import ./client-posts/main-thread.mjs`); client-posts-worker: the same posts from a worker thread\n" : ''}${VARIANTS.some((v) => v.env.SECOTEL_RATE_CAP === '0') ? '- secotel (and its baseline) run with SECOTEL_RATE_CAP=0, so every refusal is recorded, redacted, encoded and\n  exported; "secotel-default-cap" runs with the defaults (a burst of 10,000, then 1,000 records/s per event name,\n  the rest counted in a summary record); "secotel-all-folded" caps at one record a second, so nearly every\n  refusal is only counted: what a folded refusal costs\n' : ''}${VARIANTS.some((v) => v.name === 'otel-logs') ? "- otel-logs: `node --import ./otel-logs/refusal-log.mjs`, plain OpenTelemetry: one log record per 403 with the\n  body and attributes of secotel's authz_fail record, through the logs SDK's BatchLogRecordProcessor and the\n  OTLP/protobuf exporter, no redaction\n" : ''}
| variant | CPU µs/request | throughput vs bare | middle half of the rounds | req/s | p50 ms | p99 ms | CPU µs/request in each round |
| --- | ---: | ---: | --- | ---: | ---: | ---: | --- |
${rows.join('\n')}

The budget (bench/README.md) is at least ${APP.budget} of bare throughput${APP.status === 200 ? ' when no event fires' : ' with one record per refused request'}. ${verdict}.${againstFloor}${cappedShare}

Produced by \`${command}\` on ${new Date().toISOString().slice(0, 10)}.
`;
// A profiled run costs the profiler too, a partial one lacks variants: they are printed, never written down.
// Each design has its own results file: a run of another design must not replace the default's figures.
const design = `${MEASURE === 'alone' ? '-alone' : ''}${RATE === undefined ? '' : '-open'}`;
const resultsFile = APP.results.replace('.md', `${design}.md`);
if (PROFILE_DIR === undefined && ONLY === undefined) writeFileSync(resolve(here, resultsFile), report);
process.stdout.write(report);
