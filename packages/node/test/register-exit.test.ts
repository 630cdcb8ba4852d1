import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OtlpSink } from '../../../test-support/otlp-sink';
import { NODE_BINARY } from '../../../test-support/paths';

/**
 * Exit is never held hostage by the collector. Before, a process that emitted one event then ended stayed alive
 * through the export's retries (up to OTEL_EXPORTER_OTLP_TIMEOUT), and process.exit() waited 30 s for a
 * collector that accepted the connection and never answered. The bounds are generous upper bounds (the budget
 * is 2 s): the child is killed after 10 s, and a killed child has no exit code.
 */
const fixtures = resolve(__dirname, 'fixtures');
const BOUND_MILLIS = 10_000;
const ONE_EVENT = "require('@secotel/node').security.sysCrash({ 'security.reason': 'test' });";
const LOSS_LINE = /security record\(s\) lost/g;
/** The event, and the process's own sys_startup and sys_shutdown. */
const UNSENT = 3;

/** A collector that accepts connections and never answers. */
async function silentCollector(): Promise<{ server: Server; endpoint: string }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket)).listen(0, '127.0.0.1');
  await once(server, 'listening');
  server.on('close', () => {
    for (const socket of sockets) socket.destroy();
  });
  const { port } = server.address() as { port: number };
  return { server, endpoint: `http://127.0.0.1:${port}/v1/logs` };
}

/** A loopback port nothing listens on. */
async function closedPortEndpoint(): Promise<string> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((closed) => server.close(closed));
  return `http://127.0.0.1:${port}/v1/logs`;
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Starts `code` under secotel, killed by SIGKILL after BOUND_MILLIS: a process blocked while it exits does not
 * run its SIGTERM handlers, so a gentler kill would not bound it.
 */
function startBounded(
  code: string,
  env: Record<string, string>,
): { child: ChildProcess; ended: Promise<Run> } {
  const child = spawn(NODE_BINARY, ['--require', '@secotel/node/register', '-e', code], {
    cwd: fixtures,
    env: { PATH: process.env.PATH, ...env },
    timeout: BOUND_MILLIS,
    killSignal: 'SIGKILL',
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const ended = once(child, 'close').then(([code, signal]) => ({ code, signal, stdout, stderr }) as Run);
  return { child, ended };
}

const runBounded = (code: string, env: Record<string, string>): Promise<Run> => startBounded(code, env).ended;

function runApp(code: string, endpoint: string, env: Record<string, string> = {}): Promise<Run> {
  // Long export timeouts, as a user may set them: the exit must not wait for them.
  return runBounded(code, {
    OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: endpoint,
    OTEL_EXPORTER_OTLP_TIMEOUT: '30000',
    OTEL_BLRP_EXPORT_TIMEOUT: '30000',
    ...env,
  });
}

/**
 * An OTLP/HTTP receiver (JSON) that answers its nth request (from 1) after `answerAfter(n)` milliseconds, or
 * never when that is undefined; `received(n)` is told once the request's records were read.
 */
async function scriptedCollector(
  answerAfter: (request: number) => number | undefined,
  received: (request: number) => void,
): Promise<{ server: { close(): void }; endpoint: string; eventNames: string[] }> {
  const eventNames: string[] = [];
  let requests = 0;
  const server = createHttpServer((request, response) => {
    const n = ++requests;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const { resourceLogs = [] } = JSON.parse(Buffer.concat(chunks).toString()) as OtlpJsonLogs;
      for (const { scopeLogs = [] } of resourceLogs)
        for (const { logRecords = [] } of scopeLogs) eventNames.push(...logRecords.map((r) => r.eventName));
      received(n);
      const delay = answerAfter(n);
      if (delay === undefined) return;
      setTimeout(() => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'), delay);
    });
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  const close = () => {
    server.close();
    server.closeAllConnections();
  };
  return { server: { close }, endpoint: `http://127.0.0.1:${port}/v1/logs`, eventNames };
}

interface OtlpJsonLogs {
  resourceLogs?: Array<{ scopeLogs?: Array<{ logRecords?: Array<{ eventName: string }> }> }>;
}

let silent: { close(): void } | undefined;
let sink: OtlpSink | undefined;
afterEach(async () => {
  silent?.close();
  silent = undefined;
  await sink?.stop();
  sink = undefined;
});

describe('a process whose collector is silent (accepts, never answers)', () => {
  it('ends soon after process.exit() and tells the unsent records in one stderr line', async () => {
    const collector = await silentCollector();
    silent = collector.server;
    const run = await runApp(`${ONE_EVENT} process.exit(0)`, collector.endpoint);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr.match(LOSS_LINE)).toHaveLength(1);
    expect(run.stderr).toContain(
      `${UNSENT} security record(s) lost by the otlp exporter (exit_flush_failed)`,
    );
  });

  it('ends soon after its work when it ends by itself', async () => {
    const collector = await silentCollector();
    silent = collector.server;
    const run = await runApp(ONE_EVENT, collector.endpoint);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr.match(LOSS_LINE)).toHaveLength(1);
    expect(run.stderr).toContain(`${UNSENT} security record(s) lost by the otlp exporter`);
  });
});

describe('a process whose collector is unreachable (closed port)', () => {
  it('ends soon after its work when it ends by itself, and tells the loss in one stderr line', async () => {
    const run = await runApp(ONE_EVENT, await closedPortEndpoint());
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr.match(LOSS_LINE)).toHaveLength(1);
    expect(run.stderr).toContain(`${UNSENT} security record(s) lost by the otlp exporter`);
  });

  it('ends soon after process.exit()', async () => {
    const run = await runApp(`${ONE_EVENT} process.exit(0)`, await closedPortEndpoint());
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr.match(LOSS_LINE)).toHaveLength(1);
  });
});

/**
 * The export already started when the work ends: sent after OTEL_BLRP_SCHEDULE_DELAY (50 ms), the work ends
 * 400 ms later. Before, the export's request, its retry timers and the batch processor's export timeout kept the
 * process alive up to OTEL_EXPORTER_OTLP_TIMEOUT / OTEL_BLRP_EXPORT_TIMEOUT (30 s here).
 */
const EXPORT_IN_FLIGHT = `${ONE_EVENT} setTimeout(() => {}, 450);`;
const EARLY_EXPORT = { OTEL_BLRP_SCHEDULE_DELAY: '50' };

describe('a process whose export is in flight or retrying when its work ends', () => {
  it('ends soon with a silent collector, and tells the unsent records in one stderr line', async () => {
    const collector = await silentCollector();
    silent = collector.server;
    const run = await runApp(EXPORT_IN_FLIGHT, collector.endpoint, EARLY_EXPORT);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr.match(LOSS_LINE), run.stderr).toHaveLength(1);
    expect(run.stderr).toContain(
      `${UNSENT} security record(s) lost by the otlp exporter (exit_flush_failed)`,
    );
  });

  it('ends soon with an unreachable collector (the export is retrying), and tells the loss once', async () => {
    const run = await runApp(EXPORT_IN_FLIGHT, await closedPortEndpoint(), EARLY_EXPORT);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr.match(LOSS_LINE), run.stderr).toHaveLength(1);
    expect(run.stderr).toContain(
      `${UNSENT} security record(s) lost by the otlp exporter (exit_flush_failed)`,
    );
  });

  it('delivers the record with the full resource when the collector answers', async () => {
    sink = await OtlpSink.start();
    const run = await runApp(EXPORT_IN_FLIGHT, sink.logsEndpoint, {
      ...EARLY_EXPORT,
      OTEL_SERVICE_NAME: 'in-flight',
      OTEL_RESOURCE_ATTRIBUTES: 'service.namespace=shop',
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(LOSS_LINE);
    // The sink leaves out the process's own lifecycle records.
    const [record] = await sink.waitForRecords(1);
    expect(record?.eventName).toBe('security.sys_crash');
    expect(record?.resource).toMatchObject({
      'service.name': 'in-flight',
      'service.namespace': 'shop',
      'telemetry.distro.name': 'secotel',
    });
  });
});

describe('an application that awaits a flush', () => {
  it('is kept alive until the flush is done, as with OpenTelemetry (only background exports are not)', async () => {
    sink = await OtlpSink.start();
    const code = `const sdk = require('@secotel/sdk').startSecotel(); ${ONE_EVENT}
      sdk.forceFlush().then(() => process.stdout.write('flushed'));`;
    const run = await runApp(code, sink.logsEndpoint);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('flushed');
    expect(await sink.waitForRecords(1)).toHaveLength(1);
  });
});

describe('records sent at exit', () => {
  it('carry the full resource, with no warning about async resource attributes', async () => {
    sink = await OtlpSink.start();
    const run = await runBounded(`${ONE_EVENT} process.exit(0)`, {
      OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: sink.logsEndpoint,
      OTEL_SERVICE_NAME: 'exit-resource',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=test,service.namespace=shop',
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('Accessing resource attributes');
    const [record] = await sink.waitForRecords(1);
    expect(record?.resource).toMatchObject({
      'service.name': 'exit-resource',
      'service.namespace': 'shop',
      'deployment.environment.name': 'test',
      'telemetry.distro.name': 'secotel',
    });
    expect(record?.resource['service.instance.id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('are redacted, though the process exits before any export or turn of the event loop', async () => {
    sink = await OtlpSink.start();
    const token = `ghp_${'a1B2c3D4e5'.repeat(4).slice(0, 36)}`;
    const run = await runBounded(
      `require('@secotel/node').security.authnLoginFail(
        { 'user.name': 'alice', 'security.reason': 'password=hunter2' },
        { body: 'retry with ${token}' },
      ); process.exit(0)`,
      { OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: sink.logsEndpoint },
    );
    expect(run.code, run.stderr).toBe(0);
    const [record] = await sink.waitForRecords(1);
    expect(record?.eventName).toBe('security.authn_login_fail');
    const sent = JSON.stringify([record?.body, record?.attributes]);
    expect(sent).not.toContain('hunter2');
    expect(sent).not.toContain(token);
    expect(record?.attributes['security.reason']).toBe('password=[REDACTED:password]');
  });
});

/**
 * SIGTERM while an export is in flight (the receiver holds its answer): before, the signal sent the batch in
 * flight again synchronously, and the collector, which accepted it a moment later, got every record twice.
 * Now the signal waits for the answer, within the exit deadline, and sends only what is still unanswered then.
 */
const IDLE_AFTER_ONE_EVENT = `${ONE_EVENT} setInterval(() => {}, 1000);`;
const OWN_RECORDS = ['security.sys_crash', 'security.sys_shutdown', 'security.sys_startup'];
const signalRun = (endpoint: string, exitTimeout: string) =>
  startBounded(IDLE_AFTER_ONE_EVENT, {
    OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: endpoint,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_BLRP_SCHEDULE_DELAY: '50',
    SECOTEL_EXIT_TIMEOUT: exitTimeout,
  });

describe('a signal that arrives while an export is in flight', () => {
  it('delivers each record exactly once, then the process ends by the signal', async () => {
    let app: ChildProcess | undefined;
    const collector = await scriptedCollector(
      (n) => (n === 1 ? 300 : 0),
      (n) => n === 1 && app?.kill('SIGTERM'),
    );
    silent = collector.server;
    const started = signalRun(collector.endpoint, '10000');
    app = started.child;
    const run = await started.ended;
    expect(run.signal, run.stderr).toBe('SIGTERM');
    expect(run.stderr).not.toMatch(LOSS_LINE);
    expect(collector.eventNames.sort()).toEqual(OWN_RECORDS);
  });

  it('ends within SECOTEL_EXIT_TIMEOUT when nothing answers, and tells the unsent records in one line', async () => {
    let app: ChildProcess | undefined;
    const collector = await scriptedCollector(
      () => undefined,
      (n) => n === 1 && app?.kill('SIGTERM'),
    );
    silent = collector.server;
    const started = signalRun(collector.endpoint, '3000');
    app = started.child;
    const run = await started.ended;
    // Not SIGKILL: the process ended by the signal before the 10 s bound.
    expect(run.signal, run.stderr).toBe('SIGTERM');
    expect(run.stderr.match(LOSS_LINE), run.stderr).toHaveLength(1);
    expect(run.stderr).toContain(
      `${UNSENT} security record(s) lost by the otlp exporter (exit_flush_failed)`,
    );
  });

  it('stops waiting at a second signal: what is unanswered goes at once, then it ends by the signal', async () => {
    let app: ChildProcess | undefined;
    // The export in flight is never answered; the wait for it would last 30 s, three times the bound.
    const collector = await scriptedCollector(
      (n) => (n === 1 ? undefined : 0),
      // The second request is sys_shutdown, sent when the first signal was handled.
      (n) => n <= 2 && app?.kill('SIGTERM'),
    );
    silent = collector.server;
    const started = signalRun(collector.endpoint, '60000');
    app = started.child;
    const run = await started.ended;
    expect(run.signal, run.stderr).toBe('SIGTERM');
    expect(run.stderr).not.toMatch(LOSS_LINE);
    // The unanswered batch was sent again: at least once, never lost.
    expect(new Set(collector.eventNames)).toEqual(new Set(OWN_RECORDS));
    expect(collector.eventNames.filter((name) => name === 'security.sys_crash')).toHaveLength(2);
  });
});

/**
 * The same for an application that handles SIGTERM itself (as servers do: close, then the event loop runs dry):
 * it ends through beforeExit. Before, beforeExit sent the batch in flight again at once, and the collector got
 * every record of it twice.
 */
describe('an application that ends itself on a signal while an export is in flight', () => {
  it('delivers each record exactly once, then ends by itself', async () => {
    let app: ChildProcess | undefined;
    const collector = await scriptedCollector(
      (n) => (n === 1 ? 300 : 0),
      (n) => n === 1 && app?.kill('SIGTERM'),
    );
    silent = collector.server;
    const started = startBounded(
      `${ONE_EVENT} const idle = setInterval(() => {}, 1000);
       process.on('SIGTERM', () => clearInterval(idle));`,
      {
        OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: collector.endpoint,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_BLRP_SCHEDULE_DELAY: '50',
        SECOTEL_EXIT_TIMEOUT: '10000',
      },
    );
    app = started.child;
    const run = await started.ended;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(LOSS_LINE);
    expect(collector.eventNames.sort()).toEqual(OWN_RECORDS);
  });
});
