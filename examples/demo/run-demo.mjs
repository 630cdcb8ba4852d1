// `npm run demo`: the collector, the shop with secotel, and the attack simulator, end to end on loopback.
//
//   1. builds otelcol-secotel when it is missing or stale (otel-collector/scripts/build-collector.sh);
//   2. starts it with otel-collector/config/local.yaml (plus ./collector.yaml), on free loopback ports, writing
//      to a fresh temp directory;
//   3. starts the shop with `node --import @secotel/node/register`, exporting OTLP to that collector;
//   4. runs the attack simulator against the shop;
//   5. stops the shop (secotel flushes on the way out) and the collector, then prints the records by event
//      name, the attack inputs by kind and the collector's alerts by rule, and checks that every attack was
//      detected.
//
// Options: --stack (run against the real local stack of otel-collector/stack/stack.mjs instead of a collector
// that only writes a file: records and alerts go to VictoriaLogs, the alert counts to Prometheus and its alerts
// to Alertmanager; installs the stack's packages when they are missing), --keep (leave the collector, or the
// stack, and the shop running for browsing until Ctrl-C, and print where to look; the shop listens on
// port 3000 when it is free), --no-build (use the collector binary as it is; fail if it is missing),
// --dir DIR (where the output goes; a new temp directory by default).
// Environment: SECOTEL_COLLECTOR_BIN (a collector binary to use instead of building one).
// It leaves no process behind: the children are stopped on success, on failure and on Ctrl-C.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { install, startStack } from '../../otel-collector/stack/stack.mjs';
import { freePort, freePorts, portFree } from '../../scripts/free-port.mjs';
import { buildCollector, COLLECTOR_BINARY } from '../../test-support/collector-build.mjs';
import { ProcessError, startProcess, stopAll as stopProcesses } from '../../test-support/processes.mjs';
import { formatSummary, simulate } from '../attack-simulator/simulate.mjs';
import { EXPECTED_ALERTS } from './expected-alerts.generated.mjs';
import { formatTables, readRecords, tabulate } from './output.mjs';

const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** A path as short as it can be said: relative inside the working directory, absolute outside it. */
const rel = (path) => {
  const inside = relative(process.cwd(), path);
  return inside && !inside.startsWith('..') ? inside : path;
};

/** The LogsQL query for the brute-force alert in VictoriaLogs, as the --stack run prints it in a UI link. */
export const BRUTE_FORCE_QUERY = '{event_name="security.alert"} security_rule.name:=brute_force';

/** The attack inputs the HTTP and database layers must report (`security.attack.kind`). */
export const EXPECTED_ATTACK_KINDS = { sqli: 'SQL injection', path_traversal: 'path traversal' };

const say = (message) => console.log(`demo: ${message}`);

class DemoError extends Error {}

/** With --stack: the local stack (its own processes, stopped by its stop()). */
let stack;

/**
 * Stops what this run started, the newest first: the shop before the collector, so that its last records still
 * have a receiver, and the stack's collector before the rest (it flushes to VictoriaLogs). processes.mjs also
 * kills them should this process end some other way.
 */
async function stopAll() {
  await stopProcesses();
  await stack?.stop(); // deletes its folder
}

/** `preferred` when nobody listens on it, else a free port. */
async function portPreferring(preferred) {
  return (await portFree(preferred)) ? preferred : freePort();
}

async function collectorBinary({ build }) {
  if (process.env.SECOTEL_COLLECTOR_BIN) return process.env.SECOTEL_COLLECTOR_BIN;
  if (!build) {
    if (!existsSync(COLLECTOR_BINARY))
      throw new DemoError(
        `the collector is not built (${rel(COLLECTOR_BINARY)}): run bash otel-collector/scripts/build-collector.sh`,
      );
    return COLLECTOR_BINARY;
  }
  if (!existsSync(COLLECTOR_BINARY))
    say(
      'building the collector otelcol-secotel: the first build takes several minutes (Go downloads and compiles the collector; later runs reuse otel-collector/.build/)',
    );
  return buildCollector({ showProgress: true });
}

/** Waits until the output file has stopped growing for `quietMs`. */
async function settled(path, quietMs = 2000, timeoutMs = 30_000) {
  const size = async () => (await stat(path).catch(() => ({ size: -1 }))).size;
  const deadline = Date.now() + timeoutMs;
  let last = await size();
  let since = Date.now();
  while (Date.now() < deadline) {
    await sleep(250);
    const now = await size();
    if (now !== last) [last, since] = [now, Date.now()];
    else if (Date.now() - since >= quietMs) return;
  }
}

async function report(outputFile, simulation) {
  const records = await readRecords(outputFile);
  const tables = tabulate(records);
  console.log(`\n${formatSummary(simulation)}\n`);
  console.log(formatTables(tables));
  const missing = [
    ...Object.entries(EXPECTED_ALERTS)
      .filter(([rule]) => !tables.alerts.has(rule))
      .map(([rule, { attack }]) => `no ${rule} alert for the ${attack}`),
    ...Object.entries(EXPECTED_ATTACK_KINDS)
      .filter(([kind]) => !tables.attacks.has(kind))
      .map(([kind, attack]) => `no ${kind} input facts for the ${attack}`),
  ];
  console.log('');
  for (const line of missing) console.log(`MISSING: ${line}`);
  if (missing.length === 0)
    console.log(
      `every attack was detected: ${Object.keys(EXPECTED_ALERTS).length} alert rules fired, and the ${Object.values(EXPECTED_ATTACK_KINDS).join(' and ')} inputs were reported`,
    );
  return { records, tables, missing };
}

function whereToLook({ dir, outputFile, shopUrl, keep, endpoints }) {
  const lines = [
    ['records and alerts (OTLP JSON lines)', rel(outputFile)],
    [
      'logs of this run',
      endpoints
        ? `${rel(dir)}/shop.log${keep ? `, ${rel(dir)}/stack/logs/ (the stack's folder goes on Ctrl-C)` : ''}`
        : `${rel(dir)}/{collector,shop}.log`,
    ],
    ['check the integrity chain', `cd otel-collector/cmd/secotel-verify && go run . ${outputFile}`],
    ['the events and their attributes', 'docs/events.md'],
    ['the detection rules and alert records', 'otel-collector/securityprocessor/README.md'],
    ['the shop, the simulator, this demo', 'examples/README.md'],
  ];
  if (keep)
    lines.push(['the shop (still running)', `${shopUrl}/ (admin: alice / correct horse battery staple)`]);
  if (keep && endpoints)
    lines.push(
      ['the brute-force alert in VictoriaLogs', vmuiLink(endpoints, BRUTE_FORCE_QUERY)],
      ['every record in VictoriaLogs', vmuiLink(endpoints, '*')],
      ['Prometheus alerts', `${endpoints.prometheus}/alerts`],
      ['Alertmanager', `${endpoints.alertmanager}/#/alerts`],
      ['VictoriaLogs HTTP API', `${endpoints.victoriaLogs}/select/logsql/query`],
    );
  const width = Math.max(...lines.map(([what]) => what.length)) + 1;
  return [
    '',
    'where to look:',
    ...lines.map(([what, where]) => `  ${`${what}:`.padEnd(width)}  ${where}`),
  ].join('\n');
}

/** VictoriaLogs' web UI opened on a LogsQL query over the last hour (its default is the last 5 minutes). */
const vmuiLink = (endpoints, query) =>
  `${endpoints.vmui}#/?query=${encodeURIComponent(query)}&g0.relative_time=last_1_hour`;

/**
 * --stack: installs what the stack needs when it is missing, then starts it with the demo's overlay, so that
 * the collector writes the output file too. Returns the OTLP/HTTP endpoint for the shop.
 */
async function startLocalStack({ binary, dir, outputFile }) {
  say(
    "checking the local stack's packages (VictoriaLogs, Prometheus, Alertmanager) with otel-collector/stack/install.sh: missing ones are installed now (apt-get, go install; minutes on the first run)",
  );
  const binaries = await install({ browser: false });
  say(
    `starting the local stack (otelcol-secotel -> VictoriaLogs, Prometheus -> Alertmanager) with ${rel(binary)}`,
  );
  stack = await startStack({
    dir: join(dir, 'stack'),
    binaries,
    collectorBinary: binary,
    collectorConfigs: [join(repo, 'examples/demo/collector-stack.yaml')],
    collectorEnv: { SECOTEL_OUTPUT: outputFile },
  });
  return stack.endpoints.otlpHttp;
}

/** Starts the collector that writes the output file only; returns it and its OTLP/HTTP endpoint. */
async function startFileCollector({ binary, dir, outputFile }) {
  const [grpc, http, health, metrics] = await freePorts(4);
  say(`starting the collector (${rel(binary)}) with OTLP on 127.0.0.1:${http}`);
  const collector = startProcess({
    name: 'the collector',
    command: binary,
    args: [
      '--config',
      join(repo, 'otel-collector/config/local.yaml'),
      '--config',
      join(repo, 'examples/demo/collector.yaml'),
    ],
    cwd: repo,
    logFile: join(dir, 'collector.log'),
    group: true,
    env: {
      ...process.env,
      SECOTEL_OUTPUT: outputFile,
      SECOTEL_STATE_DIR: join(dir, 'state'),
      SECOTEL_OTLP_GRPC_PORT: String(grpc),
      SECOTEL_OTLP_HTTP_PORT: String(http),
      SECOTEL_HEALTH_PORT: String(health),
      SECOTEL_METRICS_PORT: String(metrics),
    },
  });
  await collector.waitForHttp(`http://127.0.0.1:${health}/`, 60_000);
  return { collector, otlpHttp: `http://127.0.0.1:${http}` };
}

async function main() {
  const { values } = parseArgs({
    options: {
      keep: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      dir: { type: 'string' },
      stack: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('usage: npm run demo [-- --stack] [-- --keep] [-- --no-build] [-- --dir DIR]');
    return 0;
  }
  if (Number(process.versions.node.split('.')[0]) < 22)
    throw new DemoError(
      `Node ${process.versions.node} is too old; run the demo with npm run demo (it uses the repo's Node 24)`,
    );

  const dir = values.dir ? resolve(values.dir) : await mkdtemp(join(tmpdir(), 'secotel-demo-'));
  await mkdir(dir, { recursive: true });
  const outputFile = join(dir, 'output.jsonl');
  const binary = await collectorBinary({ build: !values['no-build'] });
  const { collector, otlpHttp } = values.stack
    ? { otlpHttp: await startLocalStack({ binary, dir, outputFile }) }
    : await startFileCollector({ binary, dir, outputFile });

  const port = values.keep ? await portPreferring(3000) : await freePort();
  say(
    'starting the shop with secotel (the first start initialises the embedded database; that takes a while)',
  );
  const shop = startProcess({
    name: 'the shop',
    command: process.execPath,
    args: ['--import', '@secotel/node/register', join(repo, 'examples/shop/src/server.mjs')],
    cwd: repo,
    logFile: join(dir, 'shop.log'),
    group: true,
    env: {
      ...process.env,
      PORT: String(port),
      OTEL_SERVICE_NAME: 'shop',
      OTEL_EXPORTER_OTLP_ENDPOINT: otlpHttp,
      OTEL_LOGS_EXPORTER: 'otlp',
      OTEL_BLRP_SCHEDULE_DELAY: '500',
      OTEL_BLRP_EXPORT_TIMEOUT: '5000', // after Ctrl-C the collector may be gone before the shop's last export
      SECOTEL_TRUST_PROXY: 'loopback',
      SECOTEL_SENSITIVE_TABLES: 'cards',
      SECOTEL_HASH_KEY: randomBytes(24).toString('base64url'),
    },
  });
  const shopUrl = `http://127.0.0.1:${port}`;
  await shop.waitForLine(/shop: listening on/, { what: 'its "listening" line', timeoutMillis: 180_000 });

  say(`running the attack simulator against ${shopUrl}`);
  const simulation = await simulate({ target: shopUrl });
  if (interrupted) await new Promise(() => {}); // the signal handler stops everything and exits

  if (values.keep) {
    await sleep(1500); // the shop exports every 500 ms
    await settled(outputFile);
    const { missing } = await report(outputFile, simulation);
    console.log(whereToLook({ dir, outputFile, shopUrl, keep: true, endpoints: stack?.endpoints }));
    say(
      `${stack ? 'the local stack' : 'the collector'} and the shop keep running; press Ctrl-C to stop them`,
    );
    await new Promise((done) => {
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    });
    console.log('');
    say('stopping');
    await stopAll();
    return missing.length === 0 ? 0 : 1;
  }

  say('stopping the shop (secotel flushes its records) and the collector');
  const shopExit = await shop.stop();
  await settled(outputFile, 1000);
  // With --stack: the stack's stop() stops the collector first, so that it flushes to VictoriaLogs.
  let collectorExit = { code: 0, signal: null };
  if (collector) collectorExit = await collector.stop();
  else await stack.stop();
  const { missing, records } = await report(outputFile, simulation);
  console.log(whereToLook({ dir, outputFile, shopUrl, keep: false, endpoints: stack?.endpoints }));
  const problems = [];
  if (shopExit.code !== 0)
    problems.push(
      `the shop exited with ${shopExit.signal ?? `code ${shopExit.code}`} (log: ${rel(shop.logFile)})`,
    );
  if (collectorExit.code !== 0)
    problems.push(
      `the collector exited with ${collectorExit.signal ?? `code ${collectorExit.code}`} (log: ${rel(collector.logFile)})`,
    );
  if (records.length === 0) problems.push('the collector wrote no records');
  if (simulation.rows.some((r) => r.failed > 0)) problems.push('some simulated requests got no answer');
  for (const problem of problems) console.log(`PROBLEM: ${problem}`);
  return missing.length === 0 && problems.length === 0 ? 0 : 1;
}

// Ctrl-C while starting or simulating: stop the children and end with the signal's conventional code. (In
// --keep mode main() waits for the signal itself.)
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (interrupted || process.listenerCount(signal) > 1) return;
    interrupted = true;
    console.log('');
    say(`${signal}: stopping the shop and the collector`);
    stopAll().then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}

main().then(
  async (code) => {
    await stopAll();
    process.exitCode = code;
  },
  async (error) => {
    const expected = error instanceof DemoError || error instanceof ProcessError;
    console.error(expected ? `demo: ${error.message}` : error);
    await stopAll();
    process.exitCode = 1;
  },
);
