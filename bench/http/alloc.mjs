// Bytes a request allocates in the server's JavaScript heap, side by side: bare, secotel and the floor (one
// request context with no security logic), Express 5 hello-world. Unlike CPU time, the figure hardly moves
// between runs or with other work on the machine, so it shows a per-request cost that run.mjs's ratios cannot
// resolve (a closure or an arguments object made on every call of a hot wrapper: PROFILE.md).
//
// Each server runs with V8's `--trace-gc-nvp`, which prints with every collection the bytes allocated since the
// one before; the sum over a fixed number of requests, after a warm-up, divided by that number is the figure.
// It misses what was allocated since the last collection at each end of the window, at most the young
// generation (a few MB) against the window's gigabytes (under 2 %).
//
// Run: `npm run build && node_modules/.bin/node bench/http/alloc.mjs` (writes RESULTS-alloc.md);
// BENCH_APP=express-403 answers every request 403, one authz_fail record each with the rate cap off
// (RESULTS-alloc-403.md); HTTP_BASELINE=<another built checkout> adds its register entry (the code before a
// change) and writes nothing. Loopback only.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { median } from '../stats.mjs';
import { chosenApp, serverEnv, stop } from './servers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP_REQUESTS = 50_000;
const REQUESTS = 300_000;
const BASELINE = process.env.HTTP_BASELINE;
const APPS = {
  express: {
    script: 'hello-app.mjs',
    status: 200,
    title: 'Express 5 hello-world (every request a 200, no security event)',
    results: 'RESULTS-alloc.md',
  },
  'express-403': {
    script: 'refuse-app.mjs',
    status: 403,
    title: 'Express 5 answering 403 to every request, one authz_fail record each (rate cap off)',
    results: 'RESULTS-alloc-403.md',
  },
};
const { name: APP_NAME, app: APP } = chosenApp(APPS);
const VARIANTS = [
  { name: 'bare', args: [] },
  { name: 'secotel', args: ['--import', '@secotel/node/register'] },
  ...(BASELINE === undefined
    ? []
    : [
        { name: 'secotel baseline', args: ['--import', resolve(BASELINE, 'packages/node/dist/register.js')] },
      ]),
  { name: 'floor', args: ['--import', './floor/request-context.mjs'] },
];

/** Starts a process whose stdout lines go to `onLine`; resolves with it once `ready` matched a line. */
function start(args, env, ready, onLine = () => {}) {
  const child = spawn(process.execPath, args, {
    cwd: here,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((started, fail) => {
    child.once('exit', (code) => fail(new Error(`${args.join(' ')} exited with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      onLine(line);
      const match = ready.exec(line);
      if (match !== null) started({ child, match });
    });
  });
}

async function load(url, amount) {
  const result = await autocannon({ url, connections: 20, amount, workers: 0 });
  const answered = result.statusCodeStats[APP.status]?.count ?? 0;
  if (answered !== amount || result.errors > 0)
    throw new Error(
      `${url}: ${answered} of ${amount} requests answered ${APP.status}, ${result.errors} errors`,
    );
}

/** Bytes per request of one new server of the variant. */
async function measure(variant, sinkUrl) {
  let allocated = 0;
  const { child, match } = await start(
    ['--trace-gc-nvp', ...variant.args, APP.script],
    {
      ...serverEnv(sinkUrl),
      // Every refusal a record (the refusal load); nothing else reaches the cap.
      SECOTEL_RATE_CAP: '0',
    },
    /^listening (\d+)/,
    (line) => {
      allocated += Number(/ allocated=(\d+)/.exec(line)?.[1] ?? 0);
    },
  );
  const url = `http://127.0.0.1:${match[1]}/`;
  const settle = () => new Promise((done) => setTimeout(done, 300));
  await load(url, WARMUP_REQUESTS);
  await settle();
  const before = allocated;
  await load(url, REQUESTS);
  await settle();
  const bytes = (allocated - before) / REQUESTS;
  await stop(child);
  return bytes;
}

const { child: sink, match: sinkMatch } = await start(['../sdk/discard-server.mjs'], {}, /^(http:\S+)/);
const perRound = new Map(VARIANTS.map((variant) => [variant.name, []]));
for (let round = 1; round <= ROUNDS; round++) {
  for (const variant of VARIANTS) {
    const bytes = await measure(variant, sinkMatch[1]);
    perRound.get(variant.name).push(bytes);
    console.log(`round ${round} ${variant.name}: ${bytes.toFixed(0)} bytes/request`);
  }
}
await stop(sink);

const bare = median(perRound.get('bare'));
const rows = VARIANTS.map(({ name }) => {
  const bytes = median(perRound.get(name));
  const each = perRound.get(name).map((b) => b.toFixed(0));
  return `| ${name} | ${bytes.toFixed(0)} | ${(bytes - bare).toFixed(0)} | ${(bytes / bare).toFixed(3)} | ${each.join(', ')} |`;
});
const report = `# HTTP request cost in allocation: ${APP.title}

\`bench/http/alloc.mjs\`, ${ROUNDS} rounds on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}. Each round starts
a new server per variant, loads it with ${WARMUP_REQUESTS.toLocaleString('en')} requests (warm-up), then
${REQUESTS.toLocaleString('en')} more (20 connections, loopback), and sums the bytes V8 reports allocated at every collection in
between (\`--trace-gc-nvp\`). Medians over the rounds. The floor carries one request context per request with no
security logic (\`floor/request-context.mjs\`).

| variant | bytes/request | over bare | vs bare | each round |
| --- | ---: | ---: | ---: | --- |
${rows.join('\n')}

Produced by \`${APP_NAME === 'express' ? '' : `BENCH_APP=${APP_NAME} `}node_modules/.bin/node bench/http/alloc.mjs\`.
`;
console.log(`\n${report}`);
if (BASELINE === undefined) writeFileSync(resolve(here, APP.results), report);
