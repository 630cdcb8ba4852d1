#!/usr/bin/env node
// The local viewing and alerting stack, all real and all on loopback: otelcol-secotel exporting to
// VictoriaLogs (its web UI is the local viewer), Prometheus scraping the collector's own metrics with the
// alert rules of prometheus-rules.yaml, and Alertmanager receiving what fires. README.md beside this file
// says what runs where.
//
//   node otel-collector/stack/stack.mjs start [--dir DIR] [--retention pci-dss|DURATION]
//                                                            start in the background, print the endpoints
//   node otel-collector/stack/stack.mjs stop [--dir DIR]    stop it and delete its data
//   node otel-collector/stack/stack.mjs status [--dir DIR]
//   node otel-collector/stack/stack.mjs run [--dir DIR] [--retention ...]   start in the foreground until Ctrl-C
//
// --retention (or SECOTEL_RETENTION) is how long VictoriaLogs keeps security records: a profile of
// RETENTION_PROFILES or a duration such as 30d, 12w, 1y (docs/retention.md).
//
// From code (tests, the demo): `const stack = await startStack(); ...; await stack.stop();`
//
// Plain Node (18+) and its standard library only, so that it runs before anything is installed.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePorts } from '../../scripts/free-port.mjs';
import { buildCollector } from '../../test-support/collector-build.mjs';
import { pidRuns, startProcess, stopPid } from '../../test-support/processes.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const COLLECTOR_DIR = resolve(HERE, '..');
const REPO_ROOT = resolve(COLLECTOR_DIR, '..');
/** Where `stack.mjs start` keeps a background stack (configuration, data, logs, process ids). */
export const DEFAULT_CLI_DIR = resolve(REPO_ROOT, '.cache/stack');
export const RULES_FILE = resolve(HERE, 'prometheus-rules.yaml');
export const COLLECTOR_CONFIG = resolve(COLLECTOR_DIR, 'config/victorialogs.yaml');
const STATE_FILE = 'stack.json';

/**
 * Retention profiles (docs/retention.md). VictoriaLogs has no slower tier: everything it keeps is
 * searchable at once, so PCI DSS 10.5.1's 3 months immediately available are met by keeping 12 months.
 */
export const RETENTION_PROFILES = { default: '7d', 'pci-dss': '365d' };

/**
 * The -retentionPeriod for VictoriaLogs from a profile name or a duration (whole days, weeks or years, at
 * least 1d, as VictoriaLogs counts retention in days); throws naming the value and what would be right.
 * @param {string | undefined} value
 */
export function retentionPeriod(value) {
  const chosen = value ?? 'default';
  if (Object.hasOwn(RETENTION_PROFILES, chosen)) return RETENTION_PROFILES[/** @type {'default'} */ (chosen)];
  if (/^[1-9]\d*[dwy]$/.test(chosen)) return chosen;
  throw new Error(
    `retention ${JSON.stringify(chosen)} is neither a profile (${Object.keys(RETENTION_PROFILES).join(', ')}) nor a duration in days, weeks or years, e.g. 365d`,
  );
}
const LOOPBACK = '127.0.0.1';

/**
 * @typedef {object} Binaries
 * @property {string} victoriaLogs
 * @property {string} prometheus
 * @property {string} alertmanager
 * @property {string} [chromium]
 */

/**
 * @typedef {object} Endpoints
 * @property {string} otlpHttp          OTLP/HTTP base URL for OTEL_EXPORTER_OTLP_ENDPOINT
 * @property {string} otlpGrpc          OTLP/gRPC host:port
 * @property {string} victoriaLogs      VictoriaLogs base URL (HTTP API: /select/logsql/query, ...)
 * @property {string} vmui              VictoriaLogs' web UI
 * @property {string} prometheus        Prometheus base URL (UI and /api/v1/...)
 * @property {string} alertmanager      Alertmanager base URL (UI and /api/v2/...)
 * @property {string} collectorMetrics  the collector's own metrics, Prometheus format
 * @property {string} collectorHealth   the collector's health_check
 */

/**
 * @typedef {object} StackOptions
 * @property {string} [dir]  configuration, data and logs; a new temporary folder (deleted on stop) by default
 * @property {string} [collectorBinary]  otelcol-secotel; built (or found up to date) with build-collector.sh by default
 * @property {string[]} [collectorConfigs]  configuration files layered over config/victorialogs.yaml (each a
 *   further `--config`), e.g. the demo's overlay that also writes a file
 * @property {Record<string, string>} [collectorEnv]  more environment for the collector (its overlays' variables)
 * @property {Binaries} [binaries]  VictoriaLogs, Prometheus, Alertmanager; installed with install.sh by default
 * @property {string} [retention]  how long VictoriaLogs keeps records: a RETENTION_PROFILES name or a duration
 *   (default: SECOTEL_RETENTION, else the default profile, 7d)
 * @property {string} [scrapeInterval]  Prometheus' scrape interval, e.g. "2s" (default "5s")
 * @property {string} [evaluationInterval]  Prometheus' rule evaluation interval (default "5s")
 * @property {number} [readyTimeoutMillis]  bound of the wait for each service to be ready (default 90 s)
 * @property {boolean} [background]  let the processes outlive this one (the CLI's `start`)
 * @property {boolean} [keepData]  do not delete `dir` on stop
 * @property {(line: string) => void} [log]  progress messages
 */

/**
 * @typedef {object} Stack
 * @property {Endpoints} endpoints
 * @property {string} dir
 * @property {Record<string, number>} pids
 * @property {() => Promise<void>} stop  stops every process (collector first, so that it flushes) and deletes `dir`
 */

const run = (/** @type {string} */ file, /** @type {string[]} */ args, /** @type {object} */ options = {}) =>
  new Promise((done, fail) => {
    execFile(file, args, { maxBuffer: 1 << 24, ...options }, (error, stdout, stderr) => {
      if (error) fail(new Error(`${file} ${args.join(' ')} failed: ${error.message}\n${stderr}`));
      else done(String(stdout));
    });
  });

/**
 * Installs what is missing (Debian packages with apt-get, VictoriaLogs with go install) and returns the
 * binaries' paths. Quick when everything is there.
 * @param {{ browser?: boolean }} [options]
 * @returns {Promise<Binaries>}
 */
export async function install(options = {}) {
  const args = [resolve(HERE, 'install.sh')];
  if (options.browser === false) args.push('--no-browser');
  const out = await run('bash', args, { timeout: 30 * 60_000 });
  /** @type {Record<string, string>} */
  const values = {};
  for (const line of out.split('\n')) {
    const match = /^([A-Z]+)=(.+)$/.exec(line.trim());
    if (match) values[match[1]] = match[2];
  }
  for (const key of ['VICTORIALOGS', 'PROMETHEUS', 'ALERTMANAGER']) {
    if (!values[key]) throw new Error(`install.sh did not report ${key}:\n${out}`);
  }
  return {
    victoriaLogs: values.VICTORIALOGS,
    prometheus: values.PROMETHEUS,
    alertmanager: values.ALERTMANAGER,
    chromium: values.CHROMIUM,
  };
}

/** The Prometheus configuration (JSON is YAML): scrape the collector, evaluate the rules, alert Alertmanager. */
export function prometheusConfig(
  /** @type {{ metricsPort: number, alertmanagerPort: number, scrapeInterval: string, evaluationInterval: string }} */ o,
) {
  return {
    global: { scrape_interval: o.scrapeInterval, evaluation_interval: o.evaluationInterval },
    rule_files: [RULES_FILE],
    alerting: { alertmanagers: [{ static_configs: [{ targets: [`${LOOPBACK}:${o.alertmanagerPort}`] }] }] },
    scrape_configs: [
      { job_name: 'otelcol-secotel', static_configs: [{ targets: [`${LOOPBACK}:${o.metricsPort}`] }] },
    ],
  };
}

/**
 * The Alertmanager configuration: one receiver without integrations, so alerts are kept and shown (UI and
 * /api/v2/alerts) and go nowhere else. Add email_configs / webhook_configs to the receiver to forward them.
 */
export function alertmanagerConfig() {
  return {
    route: {
      receiver: 'secotel-local',
      group_by: ['alertname', 'rule'],
      group_wait: '1s',
      group_interval: '10s',
      repeat_interval: '4h',
    },
    receivers: [{ name: 'secotel-local' }],
  };
}

/**
 * Starts the stack on free loopback ports and waits until every part is ready.
 * @param {StackOptions} [options]
 * @returns {Promise<Stack>}
 */
export async function startStack(options = {}) {
  const log = options.log ?? (() => {});
  // Checked before anything starts, so that a wrong value costs nothing.
  const retention = retentionPeriod(options.retention ?? process.env.SECOTEL_RETENTION);
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'secotel-stack-'));
  const timeoutMillis = options.readyTimeoutMillis ?? 90_000;
  for (const sub of ['victorialogs', 'prometheus', 'alertmanager', 'collector', 'logs']) {
    mkdirSync(join(dir, sub), { recursive: true });
  }
  const [binaries, collectorBinary] = await Promise.all([
    options.binaries ?? install({ browser: false }),
    options.collectorBinary ?? buildCollector(),
  ]).catch((error) => {
    if (!options.keepData) rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  const [
    victoriaLogsPort,
    prometheusPort,
    alertmanagerPort,
    otlpHttpPort,
    otlpGrpcPort,
    metricsPort,
    healthPort,
  ] = await freePorts(7);
  const url = (/** @type {number} */ port) => `http://${LOOPBACK}:${port}`;
  /** @type {Endpoints} */
  const endpoints = {
    otlpHttp: url(otlpHttpPort),
    otlpGrpc: `${LOOPBACK}:${otlpGrpcPort}`,
    victoriaLogs: url(victoriaLogsPort),
    vmui: `${url(victoriaLogsPort)}/select/vmui/`,
    prometheus: url(prometheusPort),
    alertmanager: url(alertmanagerPort),
    collectorMetrics: `${url(metricsPort)}/metrics`,
    collectorHealth: `${url(healthPort)}/`,
  };
  const interval = {
    scrapeInterval: options.scrapeInterval ?? '5s',
    evaluationInterval: options.evaluationInterval ?? '5s',
  };
  const prometheusYml = join(dir, 'prometheus/prometheus.yml');
  writeFileSync(
    prometheusYml,
    `${JSON.stringify(prometheusConfig({ metricsPort, alertmanagerPort, ...interval }), null, 2)}\n`,
  );
  const alertmanagerYml = join(dir, 'alertmanager/alertmanager.yml');
  writeFileSync(alertmanagerYml, `${JSON.stringify(alertmanagerConfig(), null, 2)}\n`);

  const services = [
    {
      name: 'victoria-logs',
      binary: binaries.victoriaLogs,
      args: [
        `-storageDataPath=${join(dir, 'victorialogs/data')}`,
        `-httpListenAddr=${LOOPBACK}:${victoriaLogsPort}`,
        // Records older than this are deleted, and refused when they arrive (docs/retention.md).
        `-retentionPeriod=${retention}`,
      ],
      env: {},
      ready: `${endpoints.victoriaLogs}/health`,
    },
    {
      name: 'alertmanager',
      binary: binaries.alertmanager,
      args: [
        `--config.file=${alertmanagerYml}`,
        `--storage.path=${join(dir, 'alertmanager/data')}`,
        `--web.listen-address=${LOOPBACK}:${alertmanagerPort}`,
        `--web.external-url=${endpoints.alertmanager}`,
        '--cluster.listen-address=', // no gossip port: a single instance
      ],
      env: {},
      ready: `${endpoints.alertmanager}/-/ready`,
    },
    {
      name: 'prometheus',
      binary: binaries.prometheus,
      args: [
        `--config.file=${prometheusYml}`,
        `--storage.tsdb.path=${join(dir, 'prometheus/data')}`,
        `--web.listen-address=${LOOPBACK}:${prometheusPort}`,
        `--web.external-url=${endpoints.prometheus}`,
        '--storage.tsdb.retention.time=7d',
        // Re-send firing alerts at the evaluation pace, not once a minute: an alert that could not be
        // delivered (Alertmanager still starting) arrives within seconds.
        `--rules.alert.resend-delay=${interval.evaluationInterval}`,
      ],
      env: {},
      ready: `${endpoints.prometheus}/-/ready`,
    },
    {
      name: 'otelcol-secotel',
      binary: collectorBinary,
      args: [COLLECTOR_CONFIG, ...(options.collectorConfigs ?? [])].flatMap((file) => ['--config', file]),
      env: {
        ...options.collectorEnv,
        SECOTEL_VICTORIALOGS_URL: endpoints.victoriaLogs,
        SECOTEL_STATE_DIR: join(dir, 'collector/state'),
        SECOTEL_OTLP_HTTP_PORT: String(otlpHttpPort),
        SECOTEL_OTLP_GRPC_PORT: String(otlpGrpcPort),
        SECOTEL_METRICS_PORT: String(metricsPort),
        SECOTEL_HEALTH_PORT: String(healthPort),
      },
      ready: endpoints.collectorHealth,
    },
  ];

  /** @type {{ name: string, binary: string, owned: import('../../test-support/processes.mjs').OwnedProcess }[]} */
  const started = [];
  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      // The collector first: it flushes its queue to VictoriaLogs on shutdown.
      for (const { name, owned } of [...started].reverse()) {
        log(`stopping ${name} (pid ${owned.pid})`);
        await owned.stop();
      }
      if (!options.keepData) rmSync(dir, { recursive: true, force: true });
      else if (!ownDir) rmSync(join(dir, STATE_FILE), { force: true });
    })();
    return stopping;
  };

  try {
    const waits = [];
    for (const service of services) {
      const logFile = join(dir, 'logs', `${service.name}.log`);
      const owned = startProcess({
        name: service.name,
        command: service.binary,
        args: service.args,
        cwd: dir,
        env: { ...process.env, ...service.env },
        logFile,
        group: true, // stop() reaches anything it starts
        background: options.background,
      });
      started.push({ name: service.name, binary: service.binary, owned });
      log(`started ${service.name} (pid ${owned.pid}), log ${logFile}`);
      waits.push(owned.waitForHttp(service.ready, timeoutMillis));
    }
    await Promise.all(waits);
    const pids = Object.fromEntries(started.map(({ name, owned }) => [name, owned.pid]));
    writeFileSync(
      join(dir, STATE_FILE),
      `${JSON.stringify({ endpoints, pids, binaries: Object.fromEntries(started.map((s) => [s.name, s.binary])) }, null, 2)}\n`,
    );
    return { endpoints, dir, pids, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Stops a stack started in the background (`stack.mjs start`) from its folder's state file and deletes the
 * folder. Does nothing when no stack runs there.
 * @param {string} dir
 * @returns {Promise<boolean>} whether there was a stack to stop
 */
export async function stopStackIn(dir) {
  const stateFile = join(dir, STATE_FILE);
  if (!existsSync(stateFile)) return false;
  const state = JSON.parse(readFileSync(stateFile, 'utf8'));
  const order = ['otelcol-secotel', 'prometheus', 'alertmanager', 'victoria-logs'];
  for (const name of order) {
    const pid = state.pids?.[name];
    const binary = state.binaries?.[name];
    if (typeof pid === 'number' && typeof binary === 'string') await stopPid(pid, binary);
  }
  rmSync(dir, { recursive: true, force: true });
  return true;
}

/** The endpoints and liveness of a stack started in the background, or undefined. */
export function stackStatus(/** @type {string} */ dir) {
  const stateFile = join(dir, STATE_FILE);
  if (!existsSync(stateFile)) return undefined;
  const state = JSON.parse(readFileSync(stateFile, 'utf8'));
  const alive = Object.fromEntries(
    Object.entries(state.pids ?? {}).map(([name, pid]) => [
      name,
      pidRuns(Number(pid), state.binaries?.[name]),
    ]),
  );
  return { endpoints: /** @type {Endpoints} */ (state.endpoints), alive };
}

function printEndpoints(/** @type {Endpoints} */ endpoints, /** @type {string} */ dir) {
  const lines = [
    ['VictoriaLogs UI', endpoints.vmui],
    ['VictoriaLogs API', endpoints.victoriaLogs],
    ['Prometheus', endpoints.prometheus],
    ['Alertmanager', endpoints.alertmanager],
    ['OTLP/HTTP in', endpoints.otlpHttp],
    ['OTLP/gRPC in', endpoints.otlpGrpc],
    ['collector metrics', endpoints.collectorMetrics],
    ['logs and data', dir],
  ];
  for (const [name, value] of lines) console.log(`${name.padEnd(18)} ${value}`);
  console.log(`\nsend from an app: OTEL_EXPORTER_OTLP_ENDPOINT=${endpoints.otlpHttp}`);
}

async function main(/** @type {string[]} */ argv) {
  const [command, ...rest] = argv;
  const dirFlag = rest.indexOf('--dir');
  const dir = dirFlag >= 0 && rest[dirFlag + 1] ? resolve(rest[dirFlag + 1]) : DEFAULT_CLI_DIR;
  const retentionFlag = rest.indexOf('--retention');
  const retention = retentionFlag >= 0 ? (rest[retentionFlag + 1] ?? '') : undefined;
  const log = (/** @type {string} */ line) => console.error(`stack: ${line}`);
  switch (command) {
    case 'start':
    case 'run': {
      const status = stackStatus(dir);
      if (status && Object.values(status.alive).some(Boolean)) {
        console.error(
          `a stack already runs from ${dir}; stop it first: node otel-collector/stack/stack.mjs stop`,
        );
        return 1;
      }
      if (status) await stopStackIn(dir); // left by a stack that died: clean up
      log('installing what is missing and building the collector (quick when cached)');
      const stack = await startStack({
        dir,
        retention,
        background: command === 'start',
        keepData: false,
        log,
      });
      printEndpoints(stack.endpoints, dir);
      if (command === 'start') {
        console.log('\nstop with: node otel-collector/stack/stack.mjs stop');
        return 0;
      }
      console.log('\nrunning; Ctrl-C stops everything');
      await new Promise((done) => {
        process.once('SIGINT', done);
        process.once('SIGTERM', done);
      });
      await stack.stop();
      return 0;
    }
    case 'stop': {
      const stopped = await stopStackIn(dir);
      console.log(stopped ? `stopped the stack in ${dir} and deleted its data` : `no stack runs from ${dir}`);
      return 0;
    }
    case 'status': {
      const status = stackStatus(dir);
      if (!status) {
        console.log(`no stack runs from ${dir}`);
        return 1;
      }
      printEndpoints(status.endpoints, dir);
      console.log('');
      for (const [name, alive] of Object.entries(status.alive))
        console.log(`${name.padEnd(18)} ${alive ? 'running' : 'STOPPED'}`);
      return Object.values(status.alive).every(Boolean) ? 0 : 1;
    }
    default:
      console.error(
        'usage: node otel-collector/stack/stack.mjs start|stop|status|run [--dir DIR] [--retention pci-dss|365d]',
      );
      return 2;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
