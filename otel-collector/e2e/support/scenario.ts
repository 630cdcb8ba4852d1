import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppProcess } from '../../../test-support/app-process';
import { type OutputRecord, PROCESSOR_SCOPE, readOutput } from './output';
import { COLLECTOR_DIR, Collector } from './processes';

/** One login attempt through the app, from a simulated source (sent as X-Forwarded-For). */
export interface Attempt {
  source: string;
  login: string;
  password: string;
}

export const attempt = (source: string, login: string, password: string): Attempt => ({
  source,
  login,
  password,
});
/** The password of each account in fixtures/login-app.mjs. */
export const passwordOf = (login: string) =>
  /^user\d+$/.test(login) ? `pw-${login.slice(4)}` : `${login}-pw`;
export const range = (count: number) => Array.from({ length: count }, (_, i) => i);

export const LOGIN_EVENTS = new Set(['security.authn_login_fail', 'security.authn_login_success']);
const FIXTURES = resolve(__dirname, '../fixtures');
const config = (name: string) => resolve(COLLECTOR_DIR, name);

/** The collectors the app sends to: where OTLP goes in and where the chained output comes out. */
export interface Stack {
  endpoint: string;
  outputs: string[];
  /** Every collector's own metrics, one after the other (same-named counters then add up in metricByLabel). */
  metrics(): Promise<string>;
  /** Stops the collectors front to back (each flushes); resolves with their exit codes. Idempotent. */
  stop(): Promise<Array<number | null>>;
  /** Stops the collector (the gateways, behind a router) and starts it again on the same ports, state and output. */
  restart?(): Promise<void>;
  /**
   * Resolves once the gateways behind a router accepted `copies` records: copies routed by user.name are not
   * stored, so the outputs cannot tell that they arrived.
   */
  settle?(copies: number): Promise<void>;
}

/** One collector: the shipped config/local.yaml plus the test overlay e2e/collector.yaml, writing into `dir`. */
export async function localStack(binary: string, dir: string, checkpointKey: string): Promise<Stack> {
  mkdirSync(dir, { recursive: true });
  const output = join(dir, 'output.json');
  let collector = await Collector.start(binary, [config('config/local.yaml'), config('e2e/collector.yaml')], {
    SECOTEL_OUTPUT: output,
    SECOTEL_STATE_DIR: join(dir, 'state'),
    E2E_CHECKPOINT_KEY: checkpointKey,
  });
  return {
    endpoint: collector.otlpHttpEndpoint,
    outputs: [output],
    metrics: () => collector.metrics(),
    stop: async () => [await collector.stop()],
    restart: async () => {
      collector = await collector.restart();
    },
  };
}

/**
 * The scale-out shape, with the shipped configs unchanged: a router (config/router.yaml, load-balancing
 * exporter keyed by client.address) in front of two gateways (config/gateway.yaml) that detect, chain, write
 * their own file and send on over OTLP/HTTP to a plain collector standing in for the log backend
 * (e2e/backend.yaml), which writes what it receives to `backendOutput`.
 */
export async function shardedStack(binary: string, dir: string): Promise<Stack & { backendOutput: string }> {
  const started: Collector[] = [];
  const stop = async () => {
    const codes: Array<number | null> = [];
    for (const collector of [...started].reverse()) codes.push(await collector.stop());
    return codes;
  };
  try {
    mkdirSync(dir, { recursive: true });
    const backendOutput = join(dir, 'backend.json');
    const backend = await Collector.start(binary, [config('e2e/backend.yaml')], {
      SECOTEL_OUTPUT: backendOutput,
    });
    started.push(backend);
    const ids = ['gw-1', 'gw-2'];
    for (const id of ids) {
      started.push(
        await Collector.start(binary, [config('config/gateway.yaml')], {
          SECOTEL_GATEWAY_ID: id,
          SECOTEL_STATE_DIR: dir,
          SECOTEL_BACKEND_ENDPOINT: backend.otlpHttpEndpoint,
        }),
      );
    }
    const gateways = () => started.slice(1, 1 + ids.length);
    const router = await Collector.start(binary, [config('config/router.yaml')], {
      SECOTEL_GATEWAYS: `[${gateways()
        .map((g) => g.otlpGrpcAddress)
        .join(', ')}]`,
    });
    started.push(router);
    /** Records the gateways accepted, over their restarts. */
    let acceptedBefore = 0;
    const accepted = async () =>
      acceptedBefore +
      (await Promise.all(gateways().map((g) => g.metrics())))
        .flatMap((m) => Object.values(metricByLabel(m, 'otelcol_receiver_accepted_log_records', 'receiver')))
        .reduce((sum, n) => sum + n, 0);
    return {
      endpoint: router.otlpHttpEndpoint,
      outputs: ids.map((id) => join(dir, id, 'output.json')),
      backendOutput,
      metrics: async () => (await Promise.all(gateways().map((g) => g.metrics()))).join('\n'),
      stop,
      // The router keeps running: what it sends while a gateway is down is retried.
      restart: async () => {
        acceptedBefore = await accepted(); // a restarted gateway counts from zero
        for (const [i, gateway] of gateways().entries()) started[1 + i] = await gateway.restart();
      },
      settle: async (copies) => {
        const deadline = Date.now() + 60_000;
        let seen = await accepted();
        while (seen < copies) {
          if (Date.now() > deadline)
            throw new Error(`the gateways accepted ${seen} of the ${copies} copies routed to them`);
          await new Promise((done) => setTimeout(done, 200));
          seen = await accepted();
        }
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface ScenarioRun {
  /** When the first attempt was sent (ms since the epoch). */
  startedAt: number;
  /** Each collector output, as its file and its records. */
  outputs: Array<{ path: string; records: OutputRecord[] }>;
  /** HTTP status of each attempt, in order. */
  statuses: number[];
  appStderr: string;
  /** The collectors' own metrics once every login fact was in the output. */
  metrics: string;
  collectorExits: Array<number | null>;
}

/** Scenarios still running: a hook that timed out leaves its scenario going on. */
const unfinished = new Set<() => Promise<unknown>>();

/** Stops the processes of every scenario still running (for afterAll, whatever happened to the tests). */
export async function stopUnfinishedScenarios(): Promise<void> {
  for (const stop of [...unfinished]) await stop();
}

/**
 * Runs one scenario against a fresh stack: starts the login app registered with the SDK, exporting to the
 * stack; sends the phases one after the other with a pause longer than the checkpoint interval between them;
 * stops the app and then the stack (both flush) and reads the outputs. With `restartBeforePhase`, the collector
 * is restarted (same state and output) before that phase. The stack and the app are stopped in `finally`,
 * whatever fails.
 */
export async function runScenario(
  stack: Stack,
  phases: readonly Attempt[][],
  options: { restartBeforePhase?: number } = {},
): Promise<ScenarioRun> {
  let app: AppProcess | undefined;
  let stopping: Promise<unknown> | undefined;
  const stopAll = () => {
    stopping ??= (async () => {
      await app?.stop();
      await stack.stop();
    })();
    return stopping;
  };
  unfinished.add(stopAll);
  try {
    app = await AppProcess.start(['--import', '@secotel/node/register', 'login-app.mjs'], FIXTURES, {
      OTEL_SERVICE_NAME: 'shop',
      OTEL_EXPORTER_OTLP_ENDPOINT: stack.endpoint,
      OTEL_BLRP_SCHEDULE_DELAY: '100',
      SECOTEL_TRUST_PROXY: 'loopback',
      // The login facts come from the app's own calls; the auth instrumentations are not under test here.
      SECOTEL_INSTRUMENTATIONS: 'http,express',
    });
    const statuses: number[] = [];
    const startedAt = Date.now();
    for (const [index, phase] of phases.entries()) {
      if (index > 0) await new Promise((done) => setTimeout(done, 1_500));
      if (index === options.restartBeforePhase) {
        // Everything sent so far is written before the collector goes down: the app has nothing to send then.
        await waitForDelivery(stack, statuses.length);
        if (stack.restart === undefined) throw new Error('this stack cannot restart its collector');
        await stack.restart();
      }
      for (const { source, login, password } of phase) {
        const reply = await app.send({
          method: 'POST',
          path: '/login',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': source },
          body: JSON.stringify({ login, password }),
        });
        statuses.push(reply.status);
      }
    }
    const appStderr = await app.stop();
    app = undefined;
    await waitForDelivery(stack, statuses.length);
    const metrics = await stack.metrics();
    const collectorExits = await stack.stop();
    const outputs = stack.outputs.map((path) => ({ path, records: readOutput(path) }));
    return { startedAt, outputs, statuses, appStderr, metrics, collectorExits };
  } finally {
    await stopAll();
    unfinished.delete(stopAll);
  }
}

/** Waits (bounded) until the file exporters have written `count` login records between them. */
/**
 * Waits until the collectors stored `logins` login records and, behind a router, the gateways also took the
 * copies routed by user.name (not stored: one per stored record that has a user.name), so that stopping or
 * restarting a collector loses none of them.
 */
async function waitForDelivery(stack: Stack, logins: number): Promise<void> {
  await waitForLoginRecords(stack.outputs, logins);
  const stored = stack.outputs.flatMap(storedRecords);
  await stack.settle?.(stored.length + stored.filter((r) => r.attributes['user.name'] !== undefined).length);
}

/** The records a sender sent that an output holds so far (none while it is not written yet). */
function storedRecords(path: string): OutputRecord[] {
  try {
    return readOutput(path).filter((r) => r.scope !== PROCESSOR_SCOPE);
  } catch {
    return [];
  }
}

async function waitForLoginRecords(outputs: readonly string[], count: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  const loginRecords = (path: string) => {
    try {
      return readOutput(path).filter((r) => LOGIN_EVENTS.has(r.eventName)).length;
    } catch {
      return 0; // not written yet, or a line is being written
    }
  };
  let seen = 0;
  while (Date.now() < deadline) {
    seen = outputs.reduce((sum, path) => sum + loginRecords(path), 0);
    if (seen >= count) return;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`the collectors wrote ${seen} of ${count} login records to ${outputs.join(', ')}`);
}

/** Sums the samples of one metric of the collector's own Prometheus output, by one label. */
export function metricByLabel(metrics: string, name: string, label: string): Record<string, number> {
  const sums: Record<string, number> = {};
  const pattern = new RegExp(`^${name}(?:_total)?\\{([^}]*)\\} (\\S+)$`);
  for (const line of metrics.split('\n')) {
    const match = pattern.exec(line);
    if (match === null) continue;
    const value = new RegExp(`${label}="([^"]*)"`).exec(match[1] ?? '')?.[1] ?? '';
    sums[value] = (sums[value] ?? 0) + Number(match[2]);
  }
  return sums;
}
