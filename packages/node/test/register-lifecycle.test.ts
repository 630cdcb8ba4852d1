import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OtlpSink } from '../../../test-support/otlp-sink';
import { NODE_BINARY } from '../../../test-support/paths';
import { runNode } from '../../../test-support/run-node';

const fixtures = resolve(__dirname, 'fixtures');
let sink: OtlpSink;

beforeEach(async () => {
  sink = await OtlpSink.start();
});
afterEach(() => sink.stop());

const exportTo = () => ({
  OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: sink.logsEndpoint,
  OTEL_SERVICE_NAME: 'lifecycle',
});

describe('a short-lived process', () => {
  it('loses none of 10,000 events emitted in one burst before it ends', async () => {
    const run = await runNode(['--require', '@secotel/node/register', 'burst-app.cjs', '10000'], {
      cwd: fixtures,
      env: exportTo(),
    });
    expect(run.code).toBe(0);
    const records = await sink.waitForRecords(10_000);
    const sequence = new Set(records.map((r) => r.attributes['security.sequence']));
    expect(sequence.size).toBe(10_000);
    expect(records.every((r) => r.eventName === 'security.authn_login_fail')).toBe(true);
  });

  it('loses none of its events when it calls process.exit() right after emitting', async () => {
    const run = await runNode(['--require', '@secotel/node/register', 'burst-app.cjs', '3000', 'exit'], {
      cwd: fixtures,
      env: exportTo(),
    });
    expect(run.code).toBe(0);
    const records = await sink.waitForRecords(3_000);
    expect(new Set(records.map((r) => r.attributes['security.sequence'])).size).toBe(3_000);
  });

  it('keeps its exit code when process.exit() ends it', async () => {
    const run = await runNode(
      [
        '--require',
        '@secotel/node/register',
        '-e',
        "require('@secotel/node').security.sysCrash({ 'security.reason': 'test' }); process.exit(3)",
      ],
      {
        cwd: fixtures,
        env: exportTo(),
      },
    );
    expect(run.code).toBe(3);
    const [record] = await sink.waitForRecords(1);
    expect(record?.eventName).toBe('security.sys_crash');
  });
});

describe('a server ended by SIGTERM', () => {
  it('flushes its events and ends by the signal, as it would without secotel', async () => {
    const child = spawn(NODE_BINARY, ['--require', '@secotel/node/register', 'wait-for-signal-app.cjs'], {
      cwd: fixtures,
      env: { PATH: process.env.PATH, ...exportTo(), OTEL_BLRP_SCHEDULE_DELAY: '600000' },
    });
    await new Promise<void>((ready) => createInterface({ input: child.stdout }).once('line', () => ready()));
    const ended = new Promise<NodeJS.Signals | null>((done) =>
      child.once('exit', (_code, signal) => done(signal)),
    );
    child.kill('SIGTERM');
    expect(await ended).toBe('SIGTERM');
    const records = await sink.waitForRecords(100);
    expect(records).toHaveLength(100);
  });
});

describe('registration', () => {
  it('is idempotent when the entry is loaded twice', async () => {
    const run = await runNode(
      ['--require', '@secotel/node/register', '--import', '@secotel/node/register', 'burst-app.cjs', '5'],
      { cwd: fixtures, env: exportTo() },
    );
    expect(run.code).toBe(0);
    await sink.waitForRecords(5);
    await new Promise((settle) => setTimeout(settle, 500));
    expect(sink.records).toHaveLength(5);
  });

  it('does nothing but say so when OTEL_SDK_DISABLED=true', async () => {
    const run = await runNode(['--import', '@secotel/node/register', 'esm-app.mjs'], {
      cwd: fixtures,
      env: { ...exportTo(), OTEL_SDK_DISABLED: 'true' },
    });
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe('esm app done');
    expect(run.stderr).toContain('OTEL_SDK_DISABLED=true');
    await new Promise((settle) => setTimeout(settle, 1_500));
    expect(sink.requests).toBe(0);
  });

  it('keeps the application running when the OTLP endpoint is unreachable', async () => {
    const closedPort = new URL(sink.url).port;
    await sink.stop();
    const run = await runNode(['--import', '@secotel/node/register', 'esm-app.mjs'], {
      cwd: fixtures,
      env: {
        OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: `http://127.0.0.1:${closedPort}/v1/logs`,
        OTEL_BLRP_EXPORT_TIMEOUT: '2000',
      },
    });
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe('esm app done');
  });
});
