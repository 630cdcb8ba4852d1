// Micro-benchmark of the NoSQL analysis the mongodb hook runs on every command inside a request
// (packages/instrumentation-db/src/nosql): describeCommand, then findNoSqlInjections over the command's query parts
// with the request's captured inputs and parsed body. Medians of interleaved rounds, ns per command.
// Writes bench/db/NOSQL-ANALYSIS.md. Run: `npm run build && node_modules/.bin/node bench/db/nosql-analysis.mjs`
// (BENCH_ROUNDS, BENCH_ITERATIONS override the defaults).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, nsPerCall } from '../stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { describeCommand, findNoSqlInjections } = require(
  resolve(here, '../../packages/instrumentation-db/dist/nosql/index.js'),
);

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 30_000);

/** A JSON login or search request: path, two body fields, the headers a browser sends, a cookie. */
function request(body) {
  const inputs = [
    { source: 'path', path: '.path', value: '/api/search' },
    { source: 'header', path: '.headers.host', value: 'shop.example:8080' },
    {
      source: 'header',
      path: '.headers.user-agent',
      value: 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Firefox/140.0',
    },
    { source: 'header', path: '.headers.accept', value: 'application/json' },
    { source: 'header', path: '.headers.accept-language', value: 'en-US,en;q=0.5' },
    { source: 'header', path: '.headers.content-type', value: 'application/json' },
    { source: 'cookie', path: '.cookies.theme', value: 'dark' },
  ];
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string') inputs.push({ source: 'body', path: `.body.${key}`, value });
  }
  return { inputs, body };
}

const find = (filter) => ({ find: 'products', filter, limit: 20, sort: { createdAt: -1 } });
const injected = { user: 'admin', password: { $ne: null } };
const CASES = [
  {
    name: '(a) equality filter',
    command: find({ tenant: 7, title: 'leather wallet' }),
    request: request({ q: 'leather wallet', page: '2' }),
    expected: 0,
  },
  {
    name: "(b) the application's own operators",
    command: find({
      tenant: 7,
      price: { $lt: 50 },
      title: { $regex: 'leather', $options: 'i' },
      tags: { $in: ['a', 'b'] },
    }),
    request: request({ q: 'leather', max: '50' }),
    expected: 0,
  },
  {
    name: '(c) operator document from the body',
    command: find({ user: injected.user, password: injected.password }),
    request: request(injected),
    expected: 1,
  },
  {
    name: '(d) $where, input inside its string',
    command: find({ $where: "this.title == 'leather wallet'" }),
    request: request({ q: 'leather wallet' }),
    expected: 0,
  },
  {
    name: '(e) $where, input breaks the string',
    command: find({ $where: "this.title == '' || '1'=='1'" }),
    request: request({ q: "' || '1'=='1" }),
    expected: 1,
  },
];

function check({ command, request }) {
  const info = describeCommand(command);
  return findNoSqlInjections(info.queryParts, request).length;
}

for (const c of CASES) {
  const found = check(c);
  if (found !== c.expected) throw new Error(`${c.name}: ${found} injections found, expected ${c.expected}`);
}
const rounds = CASES.map(() => []);
for (let r = -1; r < ROUNDS; r++) {
  CASES.forEach((c, i) => {
    const value = nsPerCall(() => check(c), ITERATIONS);
    if (r >= 0) rounds[i].push(value);
  });
}
const table = [
  '| case | inputs | ns per command |',
  '|---|---:|---:|',
  ...CASES.map((c, i) => `| ${c.name} | ${c.request.inputs.length} | ${median(rounds[i]).toFixed(0)} |`),
].join('\n');
console.log(table);

writeFileSync(
  resolve(here, 'NOSQL-ANALYSIS.md'),
  `# NoSQL analysis cost per MongoDB command

Measured by \`bench/db/nosql-analysis.mjs\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}
(${cpus().length} cores shared with other work; load average ${loadavg()[0].toFixed(1)} when the run ended), one thread.
Each figure is the median of ${ROUNDS} rounds of ${ITERATIONS.toLocaleString('en')} calls, after one warm-up round; the rounds
interleave all rows.

Reproduce: \`npm run build && node_modules/.bin/node bench/db/nosql-analysis.mjs\`
(\`BENCH_ROUNDS\`, \`BENCH_ITERATIONS\` override the defaults).

What the mongodb hook runs for a find inside a request: describeCommand, then findNoSqlInjections over the
filter with the request's captured inputs (path, headers, a cookie, the body's string fields) and its parsed
body. Outside a request, and for commands without query parts (inserts, getMore), only describeCommand runs.

- (a) an equality filter: one walk of the filter finds no operator and no JavaScript; nothing else runs.
- (b) the application's own \`$lt\`, \`$regex\` and \`$in\`: the body is walked for operator documents it sent (none).
- (c) \`{"password": {"$ne": null}}\` from the body reaches the filter: reported.
- (d) \`$where\` with a benign input inside its string: the code is tokenized once.
- (e) \`$where\` with an input that closes its string: reported.

${table}
`,
);
