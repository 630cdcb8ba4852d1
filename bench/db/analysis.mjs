// Micro-benchmark of the SQL analysis that runs on every query inside a request (packages/instrumentation-db/src/sql):
// findInjections for (a) a query in which no request input occurs, (b) one in which a benign input occurs inside a
// literal, (c) an injected one; plus describeStatement and sanitizeQuery, which the drivers run per query too.
// Per dialect, medians of several rounds, in ns per query. Writes bench/db/ANALYSIS.md.
// Run: `npm run build && node_modules/.bin/node bench/db/analysis.mjs` (BENCH_ROUNDS, BENCH_ITERATIONS override).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, nsPerCall } from '../stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { findInjections, describeStatement, sanitizeQuery } = require(
  resolve(here, '../../packages/instrumentation-db/dist/sql/index.js'),
);

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 30_000);

/** What a request to `GET /products?q=…&page=2` carries: its path, query, and the headers a browser sends. */
function requestInputs(q) {
  return [
    { source: 'path', path: '.path', value: '/products' },
    { source: 'query', path: '.query.q', value: q },
    { source: 'query', path: '.query.page', value: '2' },
    { source: 'header', path: '.headers.host', value: 'shop.example:8080' },
    {
      source: 'header',
      path: '.headers.user-agent',
      value: 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0',
    },
    { source: 'header', path: '.headers.accept', value: 'text/html,application/xhtml+xml,*/*;q=0.8' },
    { source: 'header', path: '.headers.accept-language', value: 'en-US,en;q=0.5' },
    { source: 'header', path: '.headers.accept-encoding', value: 'gzip, deflate, br, zstd' },
    { source: 'header', path: '.headers.connection', value: 'keep-alive' },
    { source: 'cookie', path: '.cookies.theme', value: 'dark' },
  ];
}

const placeholder = { postgresql: ['$1', '$2'], mysql: ['?', '?'], sqlite: ['?', '?'] };
const quoteEscaped = (dialect, value) =>
  dialect === 'mysql' ? value.replaceAll("'", "\\'") : value.replaceAll("'", "''");
const select = (condition) =>
  `SELECT p.id, p.title, p.price, c.name AS category FROM products p JOIN categories c ON c.id = p.category_id WHERE ${condition} ORDER BY p.created_at DESC LIMIT 20 OFFSET 20`;

function cases(dialect) {
  const [first, second] = placeholder[dialect];
  const benign = "Men's leather wallet";
  const payload = "' UNION SELECT id, email, password_hash, NULL FROM users--";
  return [
    {
      name: '(a) no input occurs',
      query: select(`p.title LIKE ${first} AND p.tenant_id = ${second}`),
      inputs: requestInputs(benign),
    },
    {
      name: '(b) benign input in a literal',
      query: select(`p.title LIKE '%${quoteEscaped(dialect, benign)}%' AND p.tenant_id = 7`),
      inputs: requestInputs('leather wallet'),
    },
    {
      name: '(c) injected input',
      query: select(`p.title LIKE '%${payload}%' AND p.tenant_id = 7`),
      inputs: requestInputs(payload),
    },
  ];
}

/** Mean ns per call over one round of ITERATIONS calls. */
/** More distinct texts than the statement memo keeps, so that every call analyses its query afresh. */
const VARIANTS = 1_024;
const variantsOf = (query) => Array.from({ length: VARIANTS }, (_, i) => `${query} /* ${i} */`);

const rows = [];
for (const dialect of ['postgresql', 'mysql', 'sqlite']) {
  for (const { name, query, inputs } of cases(dialect)) {
    const found = findInjections(query, dialect, inputs).length;
    const expected = name.startsWith('(c)') ? 1 : 0;
    if (found !== expected)
      throw new Error(`${dialect} ${name}: ${found} injections found, expected ${expected}`);
    const fresh = variantsOf(query);
    rows.push({
      dialect,
      name,
      inputs: inputs.length,
      length: query.length,
      runs: {
        findInjections: () => findInjections(query, dialect, inputs).length,
        describeRepeated: () => describeStatement(query, dialect).tables.length,
        describeFresh: (i) => describeStatement(fresh[i % VARIANTS], dialect).tables.length,
        sanitizeRepeated: () => sanitizeQuery(query, dialect).length,
        sanitizeFresh: (i) => sanitizeQuery(fresh[i % VARIANTS], dialect).length,
      },
      rounds: {},
    });
  }
}
// Rounds interleave all measurements, so that load from other work on a shared machine falls on every row alike.
for (const row of rows) {
  for (const key of Object.keys(row.runs)) row.rounds[key] = [];
}
for (let r = -1; r < ROUNDS; r++) {
  for (const row of rows) {
    for (const [key, run] of Object.entries(row.runs)) {
      const value = nsPerCall(run, ITERATIONS);
      if (r >= 0) row.rounds[key].push(value);
    }
  }
}
for (const row of rows) {
  for (const [key, values] of Object.entries(row.rounds)) row[key] = median(values);
}

const ns = (value) => value.toFixed(0).padStart(6);
const table = [
  '| dialect | case | inputs | query chars | findInjections | describeStatement, repeated text | describeStatement, new text | sanitizeQuery, repeated text | sanitizeQuery, new text |',
  '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (row) =>
      `| ${row.dialect} | ${row.name} | ${row.inputs} | ${row.length} | ${ns(row.findInjections)} | ${ns(row.describeRepeated)} | ${ns(row.describeFresh)} | ${ns(row.sanitizeRepeated)} | ${ns(row.sanitizeFresh)} |`,
  ),
].join('\n');
console.log(table);

const report = `# SQL analysis cost per query

Measured by \`bench/db/analysis.mjs\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}
(${cpus().length} cores shared with other work; load average ${loadavg()[0].toFixed(1)} when the run ended), one thread.
Each figure is the median of ${ROUNDS} rounds of ${ITERATIONS.toLocaleString('en')} calls, after one warm-up round; the rounds
interleave all rows, so that load from other work falls on every row alike.

Reproduce: \`npm run build && node_modules/.bin/node bench/db/analysis.mjs\`
(\`BENCH_ROUNDS\`, \`BENCH_ITERATIONS\` override the defaults).

Each query is a ${rows[0]?.length}-character-or-so product search with a join, and each request carries
${rows[0]?.inputs} inputs (path, two query parameters, six headers, a cookie), as a browser's request does.

- (a) no input occurs: the parameterized query; only the pre-check runs (the query lower-cased once, then one
  search per input). What an input is searched as (trimmed, lower-cased, escaped and decoded forms) is worked out
  once per input object and reused for every query of the request; the benchmark reuses its input objects, so
  the first query of a request pays that preparation on top.
- (b) benign input in a literal: \`leather wallet\` occurs inside \`'%Men''s leather wallet%'\`; the query is
  tokenized once and the occurrence is found to lie inside one string literal.
- (c) injected input: a UNION payload closes the literal; reported.

describeStatement and sanitizeQuery keep their answer for the 256 most recent distinct texts per dialect (texts up to
2,048 characters): a parameterized query repeats its text, so it is analysed once ("repeated text"); a query built
by concatenation is new each time and is tokenized and analysed in full ("new text": the same query with a
different trailing comment each call, cycling through more texts than the memo keeps). All figures in ns per query.

${table}
`;
writeFileSync(resolve(here, 'ANALYSIS.md'), report);
