import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OtlpSink, type ReceivedRecord } from '../../../test-support/otlp-sink';
import { NODE_BINARY } from '../../../test-support/paths';
import { type NodeRun, runNode } from '../../../test-support/run-node';

const fixtures = resolve(__dirname, 'fixtures');
const REGISTER = ['--require', '@secotel/node/register'];
let sink: OtlpSink;

beforeEach(async () => {
  sink = await OtlpSink.start({ lifecycle: true });
});
afterEach(() => sink.stop());

/** A service name of its own per test, so that a record of an earlier test's process cannot count here. */
let service = '';
beforeEach(({ task }) => {
  service = `lifecycle-${task.id}`;
});
const env = () => ({ OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: sink.logsEndpoint, OTEL_SERVICE_NAME: service });

/** Waits for the records of one process: every run ends with exactly one sys_shutdown or sys_crash. */
async function untilEnded(): Promise<ReceivedRecord[]> {
  const own = () => sink.records.filter((r) => r.resource['service.name'] === service);
  const ended = () => own().some((r) => /^security\.sys_(shutdown|crash)$/.test(r.eventName));
  while (!ended()) await sink.waitForRecords(sink.records.length + 1);
  return own();
}

const named = (records: ReceivedRecord[], name: string) =>
  records.filter((record) => record.eventName === `security.${name}`);

describe('sys_startup', () => {
  it('is recorded once per process, even when registration is loaded twice, with what it covers', async () => {
    const run = await runNode([...REGISTER, '--import', '@secotel/node/register', 'esm-app.mjs'], {
      cwd: fixtures,
      env: { ...env(), SECOTEL_DISABLED_INSTRUMENTATIONS: 'koa' },
    });
    expect(run.code, run.stderr).toBe(0);
    const records = await untilEnded();
    const [startup, ...more] = named(records, 'sys_startup');
    expect(more).toEqual([]);
    expect(startup?.attributes['security.instrumentations.enabled']).toContain('express');
    expect(startup?.attributes['security.instrumentations.enabled']).not.toContain('koa');
    // The repository installs these as dev dependencies, and node:http is built in.
    expect(startup?.attributes['security.libraries.found']).toEqual(
      expect.arrayContaining(['node:http', 'express', 'pg', 'jsonwebtoken', '@hapi/hapi', '@fastify/jwt']),
    );
    expect(startup?.attributes['security.heartbeat.interval']).toBe(60);
    expect(startup?.attributes['security.shutdown.commitment']).toMatch(/^[0-9a-f]{64}$/);
    expect(startup?.resource).toMatchObject({ 'service.name': service });
    expect(startup?.resource['service.instance.id']).toEqual(expect.any(String));
    expect(startup?.resource['telemetry.distro.version']).toEqual(expect.any(String));
  });

  it("is not started again in Node's module-loader thread, which runs --require preloads too (node -e)", async () => {
    const script = "console.log('eval app', typeof require('@secotel/node').security.authzFail)";
    const bare = await runNode(['-e', script], { cwd: fixtures, env: env() });
    const run = await runNode([...REGISTER, '-e', script], { cwd: fixtures, env: env() });
    expect(run.code, run.stderr).toBe(0);
    // A second start there would register import-in-the-middle's hook twice, which Node warns about on stderr.
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(bare.stdout);
    expect(run.stdout).toBe('eval app function\n');
    const records = await untilEnded();
    expect(named(records, 'sys_startup')).toHaveLength(1);
    expect(named(records, 'sys_shutdown')).toHaveLength(1);
  });

  it("starts in the application's own worker threads, whose records arrive, with one sys_startup", async () => {
    const script = `const { Worker } = require('node:worker_threads');
      const worker = new Worker("require('@secotel/node').security.authzFail({ 'security.resource': '/from-worker' })",
        { eval: true });
      worker.once('exit', (code) => console.log('worker exited', code));`;
    const run = await runNode([...REGISTER, '-e', script], { cwd: fixtures, env: env() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('worker exited 0\n');
    const records = await untilEnded();
    const fromWorkers = () =>
      named(sink.records, 'authz_fail').filter((r) => r.resource['service.name'] === service);
    while (fromWorkers().length === 0) await sink.waitForRecords(sink.records.length + 1);
    const [fromWorker] = fromWorkers();
    expect(fromWorker?.attributes['security.resource']).toBe('/from-worker');
    expect(named(records, 'sys_startup')).toHaveLength(1);
  });

  it('finds only the built-in libraries where the application directory installs none', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'secotel-no-libraries-'));
    try {
      const run = await runNode(['--require', resolve(__dirname, '../dist/register.js'), '-e', '0'], {
        cwd: empty,
        env: env(),
      });
      expect(run.code, run.stderr).toBe(0);
      const [startup] = named(await untilEnded(), 'sys_startup');
      expect(startup?.attributes['security.libraries.found']).toEqual(['node:http', 'node:sqlite']);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('is followed by sys_monitor_disabled for each instrumentation switched off by configuration', async () => {
    const run = await runNode([...REGISTER, 'esm-app.mjs'], {
      cwd: fixtures,
      env: { ...env(), SECOTEL_DISABLED_INSTRUMENTATIONS: 'koa,pg' },
    });
    expect(run.code, run.stderr).toBe(0);
    const disabled = named(await untilEnded(), 'sys_monitor_disabled');
    expect(disabled.map((r) => r.attributes['security.monitor']).sort()).toEqual(['koa', 'pg']);
    expect(disabled.every((r) => r.attributes['security.reason'] === 'configuration')).toBe(true);
  });
});

describe('sys_monitor_disabled for a library the instrumentation cannot attach to', () => {
  /** An application directory whose node_modules holds these packages' package.json files, nothing else. */
  function appWith(packages: Record<string, string>): string {
    const app = mkdtempSync(join(tmpdir(), 'secotel-versions-'));
    for (const [name, version] of Object.entries(packages)) {
      mkdirSync(join(app, 'node_modules', name), { recursive: true });
      writeFileSync(join(app, 'node_modules', name, 'package.json'), JSON.stringify({ name, version }));
    }
    return app;
  }

  it('names an installed version outside the module definitions and leaves that instrumentation off', async () => {
    // jsonwebtoken 8 (the instrumentation takes >=9 <10) beside koa 2 (in its range): only the first is off.
    const app = appWith({ jsonwebtoken: '8.5.1', koa: '2.15.0' });
    try {
      const run = await runNode(['--require', resolve(__dirname, '../dist/register.js'), '-e', '0'], {
        cwd: app,
        env: env(),
      });
      expect(run.code, run.stderr).toBe(0);
      const records = await untilEnded();
      const disabled = named(records, 'sys_monitor_disabled');
      expect(
        disabled.map((r) => [r.attributes['security.monitor'], r.attributes['security.reason']]),
      ).toEqual([
        [
          'jsonwebtoken',
          'unsupported version: jsonwebtoken 8.5.1 is installed, supported jsonwebtoken >=9 <10',
        ],
      ]);
      const [startup] = named(records, 'sys_startup');
      expect(startup?.attributes['security.libraries.found']).toEqual(
        expect.arrayContaining(['jsonwebtoken', 'koa']),
      );
      expect(startup?.attributes['security.instrumentations.enabled']).toContain('koa');
      expect(startup?.attributes['security.instrumentations.enabled']).not.toContain('jsonwebtoken');
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
  });

  /** The sys_monitor_disabled reasons of one process started with secotel in `cwd`. */
  async function reasonsIn(cwd: string): Promise<unknown[]> {
    const run = await runNode(['--require', resolve(__dirname, '../dist/register.js'), '-e', '0'], {
      cwd,
      env: env(),
    });
    expect(run.code, run.stderr).toBe(0);
    return named(await untilEnded(), 'sys_monitor_disabled').map((r) => r.attributes['security.reason']);
  }

  it('names every definition when none fits (express 3, no router beside it)', async () => {
    const app = appWith({ express: '3.21.2' });
    try {
      expect(await reasonsIn(app)).toEqual([
        'unsupported version: express 3.21.2 is installed, supported express >=4 <5 or router >=2 <3',
      ]);
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
  });

  it('counts a definition of another package where the library resolves it (express 5 through its router)', async () => {
    // express 5 is outside the express definition's range; the router in express's own node_modules is in the
    // router definition's, and that is what express 5 loads.
    const app = appWith({ express: '5.1.0', 'express/node_modules/router': '2.2.0' });
    try {
      expect(await reasonsIn(app)).toEqual([]);
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
  });
});

describe('sys_shutdown', () => {
  it('says natural_exit with the exit code when the event loop runs dry', async () => {
    const run = await runNode([...REGISTER, 'esm-app.mjs'], { cwd: fixtures, env: env() });
    expect(run.code).toBe(0);
    const [shutdown] = named(await untilEnded(), 'sys_shutdown');
    expect(shutdown?.attributes).toMatchObject({ 'security.reason': 'natural_exit', 'process.exit.code': 0 });
  });

  it('says process_exit with the code given to process.exit()', async () => {
    const run = await runNode([...REGISTER, '-e', 'process.exit(3)'], { cwd: fixtures, env: env() });
    expect(run.code).toBe(3);
    const [shutdown] = named(await untilEnded(), 'sys_shutdown');
    expect(shutdown?.attributes).toMatchObject({ 'security.reason': 'process_exit', 'process.exit.code': 3 });
  });

  it("is the process's fact: process.exit() inside a request carries none of the request's values", async () => {
    // The request's context holds what an attacker controls (path, agent) and a user; sys_shutdown is recorded
    // unredacted, as its values are all secotel's, so none of these may reach it.
    const code = `const { runWithContext } = require('@secotel/sdk');
      runWithContext({ user: { id: 'alice' }, client: { address: '203.0.113.7' },
        request: { method: 'GET', path: '/reset?token=ghp_abcdefghijklmnopqrstuvwxyz0123456789', userAgent: 'sqlmap/1.8' } },
        () => process.exit(4));`;
    const run = await runNode([...REGISTER, '-e', code], { cwd: fixtures, env: env() });
    expect(run.code).toBe(4);
    const [shutdown] = named(await untilEnded(), 'sys_shutdown');
    expect(Object.keys(shutdown?.attributes ?? {}).sort()).toEqual([
      'process.exit.code',
      'security.category',
      'security.reason',
      'security.shutdown.proof',
    ]);
    expect(JSON.stringify(shutdown)).not.toMatch(/alice|203\.0\.113\.7|ghp_|sqlmap|reset/);
  });

  it('reveals the proof whose SHA-256 sys_startup announced', async () => {
    await runNode([...REGISTER, 'esm-app.mjs'], { cwd: fixtures, env: env() });
    const records = await untilEnded();
    const proof = named(records, 'sys_shutdown')[0]?.attributes['security.shutdown.proof'] as string;
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(proof).digest('hex')).toBe(
      named(records, 'sys_startup')[0]?.attributes['security.shutdown.commitment'],
    );
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'names %s, and the process still ends by that signal when the application does not handle it',
    async (signal) => {
      const child = spawn(NODE_BINARY, [...REGISTER, 'wait-for-signal-app.cjs'], {
        cwd: fixtures,
        env: { PATH: process.env.PATH, ...env() },
      });
      await once(createInterface({ input: child.stdout }), 'line');
      const ended = once(child, 'exit');
      child.kill(signal);
      expect(await ended).toEqual([null, signal]);
      const [shutdown] = named(await untilEnded(), 'sys_shutdown');
      expect(shutdown?.attributes['security.reason']).toBe(signal);
    },
  );

  it('names the signal the application handled before it exited', async () => {
    const code =
      "process.on('SIGTERM', () => process.exit(7)); console.log('ready'); setInterval(() => {}, 1000);";
    const child = spawn(NODE_BINARY, [...REGISTER, '-e', code], {
      cwd: fixtures,
      env: { PATH: process.env.PATH, ...env() },
    });
    await once(createInterface({ input: child.stdout }), 'line');
    const ended = once(child, 'exit');
    child.kill('SIGTERM');
    expect(await ended).toEqual([7, null]);
    const [shutdown] = named(await untilEnded(), 'sys_shutdown');
    expect(shutdown?.attributes).toMatchObject({
      'security.reason': 'SIGTERM handled by the application, then process_exit',
      'process.exit.code': 7,
    });
  });
});

describe('heartbeat', () => {
  it('records sys_heartbeat every SECOTEL_HEARTBEAT_INTERVAL seconds without keeping the process alive', async () => {
    // Beats while the application works (about 2.5 s), then the unref'd timer lets the process end by itself.
    const run = await runNode([...REGISTER, '-e', 'setTimeout(() => {}, 2500)'], {
      cwd: fixtures,
      env: { ...env(), SECOTEL_HEARTBEAT_INTERVAL: '1' },
    });
    expect(run.code).toBe(0);
    const records = await untilEnded();
    const beats = named(records, 'sys_heartbeat');
    expect(beats.length).toBeGreaterThanOrEqual(1);
    expect(beats[0]?.attributes['security.shutdown.commitment']).toBe(
      named(records, 'sys_startup')[0]?.attributes['security.shutdown.commitment'],
    );
    expect(named(records, 'sys_shutdown')[0]?.attributes['security.reason']).toBe('natural_exit');
  });

  it('is off with SECOTEL_HEARTBEAT_INTERVAL=0', async () => {
    const run = await runNode([...REGISTER, '-e', 'setTimeout(() => {}, 2500)'], {
      cwd: fixtures,
      env: { ...env(), SECOTEL_HEARTBEAT_INTERVAL: '0' },
    });
    expect(run.code).toBe(0);
    const records = await untilEnded();
    expect(named(records, 'sys_heartbeat')).toEqual([]);
    expect(named(records, 'sys_startup')[0]?.attributes['security.heartbeat.interval']).toBe(0);
  });
});

/** The scenarios of fixtures/crash-app.cjs, each under Node's unhandled-rejection modes. */
const CRASHES = ['throw', 'throw-sync', 'reject', 'reject-string', 'reject-object', 'exit-code'];
const HANDLED = ['handled-exception', 'handled-rejection'];
const MODES = [
  [],
  ['--unhandled-rejections=strict'],
  ['--unhandled-rejections=warn'],
  ['--unhandled-rejections=none'],
  ['--unhandled-rejections=warn-with-error-code'],
];

/**
 * Whether Node ends the process on the error: an exception nothing handles always; an unhandled rejection in
 * the default (throw) and strict modes, and in strict mode even with an unhandledRejection listener.
 */
function diesOf(scenario: string, mode: readonly string[]): boolean {
  const rejectionsThrow = mode.length === 0 || mode[0] === '--unhandled-rejections=strict';
  if (scenario === 'handled-exception') return false;
  if (scenario === 'handled-rejection') return mode[0] === '--unhandled-rejections=strict';
  if (scenario.startsWith('reject')) return rejectionsThrow;
  return true;
}

function same(bare: NodeRun, instrumented: NodeRun): void {
  expect({ code: instrumented.code, signal: instrumented.signal }).toEqual({
    code: bare.code,
    signal: bare.signal,
  });
  expect(instrumented.stdout).toBe(bare.stdout);
  // Warnings name the process id, the one difference between two runs.
  const withoutPid = (text: string) => text.replace(/\(node:\d+\)/g, '(node:PID)');
  expect(withoutPid(instrumented.stderr)).toBe(withoutPid(bare.stderr));
}

describe('a crash', () => {
  it.each([...CRASHES, ...HANDLED].flatMap((scenario) => MODES.map((mode) => [scenario, mode] as const)))(
    '%s %j: Node prints the same error and exits the same way as without secotel',
    async (scenario, mode) => {
      const bare = await runNode([...mode, 'crash-app.cjs', scenario], { cwd: fixtures, env: env() });
      const instrumented = await runNode([...mode, ...REGISTER, 'crash-app.cjs', scenario], {
        cwd: fixtures,
        env: env(),
      });
      same(bare, instrumented);
      const records = await untilEnded();
      const crashes = named(records, 'sys_crash');
      // A crash is recorded exactly when the process died of it, and then instead of sys_shutdown.
      const died = diesOf(scenario, mode);
      if (died) expect(bare.code).toBe(1);
      expect(crashes).toHaveLength(died ? 1 : 0);
      expect(named(records, 'sys_shutdown')).toHaveLength(died ? 0 : 1);
    },
  );

  it('records the error type and the redacted message, never the stack', async () => {
    const run = await runNode([...REGISTER, 'crash-app.cjs', 'throw'], { cwd: fixtures, env: env() });
    expect(run.code).toBe(1);
    const [crash] = named(await untilEnded(), 'sys_crash');
    expect(crash?.attributes['error.type']).toBe('TypeError');
    const reason = crash?.attributes['security.reason'] as string;
    expect(reason).toMatch(/^uncaughtException: payment failed for card /);
    expect(reason).not.toContain('4111 1111 1111 1111');
    expect(reason).not.toContain('hunter2');
    expect(crash?.raw).not.toContain('crash-app.cjs');
    expect(crash?.raw).not.toContain('_onTimeout');
  });

  it('says an unhandled rejection of a plain object without quoting it', async () => {
    const run = await runNode([...REGISTER, 'crash-app.cjs', 'reject-object'], { cwd: fixtures, env: env() });
    expect(run.code).toBe(1);
    const [crash] = named(await untilEnded(), 'sys_crash');
    expect(crash?.attributes['security.reason']).toBe(
      'unhandledRejection: a promise was rejected with a value that is not an Error',
    );
    expect(crash?.attributes['error.type']).toBe('ERR_UNHANDLED_REJECTION');
    expect(crash?.raw).not.toContain('hunter2');
  });
});
