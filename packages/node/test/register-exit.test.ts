import { spawn } from 'node:child_process';
import { once } from 'node:events';
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
  stdout: string;
  stderr: string;
}

/**
 * Runs `code` under secotel, killed by SIGKILL after BOUND_MILLIS: a process blocked while it exits does not
 * run its SIGTERM handlers, so a gentler kill would not bound it.
 */
async function runBounded(code: string, env: Record<string, string>): Promise<Run> {
  const child = spawn(NODE_BINARY, ['--require', '@secotel/node/register', '-e', code], {
    cwd: fixtures,
    env: { PATH: process.env.PATH, ...env },
    timeout: BOUND_MILLIS,
    killSignal: 'SIGKILL',
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const [exitCode] = (await once(child, 'close')) as [number | null];
  return { code: exitCode, stdout, stderr };
}

function runApp(code: string, endpoint: string, env: Record<string, string> = {}): Promise<Run> {
  // Long export timeouts, as a user may set them: the exit must not wait for them.
  return runBounded(code, {
    OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: endpoint,
    OTEL_EXPORTER_OTLP_TIMEOUT: '30000',
    OTEL_BLRP_EXPORT_TIMEOUT: '30000',
    ...env,
  });
}

let silent: Server | undefined;
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
});
