// PCI DSS 10.7.2 end to end: two apps registered with the SDK send heartbeats every second through the real
// otelcol-secotel (config/local.yaml + silent-source.yaml, source_silent with a 3 s timespan). One shuts down
// cleanly (SIGTERM), then the other is killed with SIGKILL. The killed one must raise source_silent; the clean one
// must not, although it went quiet first: its silence would have been found at the same check or an earlier one.
// Then across a collector restart with detection.storage: an app killed while the collector is down is still
// reported by the restarted collector, from the watch it saved at shutdown.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_BINARY, REPO_ROOT } from '../../test-support/paths';
import { type OutputRecord, PROCESSOR_SCOPE, readOutput } from './support/output';
import { buildBinaries, COLLECTOR_DIR, Collector } from './support/processes';

const LOCAL_CONFIG = resolve(COLLECTOR_DIR, 'config/local.yaml');
const OVERLAY = resolve(__dirname, 'silent-source.yaml');
const APP = resolve(REPO_ROOT, 'packages/node/test/fixtures/wait-for-signal-app.cjs');

let dir: string;
const apps: ChildProcess[] = [];

/** A collector and the file its exporter writes. */
interface Target {
  collector: Collector;
  output: string;
}

/** Reads the output until `found` returns something, for at most 60 s. */
async function waitInOutput<T>(
  target: Target,
  found: (records: OutputRecord[]) => T | undefined,
  what: string,
): Promise<T> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const records = (() => {
      try {
        return readOutput(target.output);
      } catch {
        return [];
      }
    })();
    const result = found(records);
    if (result !== undefined) return result;
    await new Promise((settle) => setTimeout(settle, 100));
  }
  throw new Error(`not in the collector's output after 60 s: ${what}\n${target.collector.stderr()}`);
}

async function startApp(target: Target, service: string): Promise<{ child: ChildProcess; instance: string }> {
  const child = spawn(NODE_BINARY, ['--require', '@secotel/node/register', APP], {
    cwd: resolve(REPO_ROOT, 'packages/node'),
    env: {
      PATH: process.env.PATH,
      OTEL_SERVICE_NAME: service,
      OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: `${target.collector.otlpHttpEndpoint}/v1/logs`,
      OTEL_BLRP_SCHEDULE_DELAY: '100',
      SECOTEL_HEARTBEAT_INTERVAL: '1',
    },
  });
  apps.push(child);
  await once(createInterface({ input: child.stdout as NodeJS.ReadableStream }), 'line');
  const instance = await waitInOutput(
    target,
    (records) =>
      records.find((r) => r.eventName === 'security.sys_heartbeat' && r.resource['service.name'] === service)
        ?.resource['service.instance.id'] as string | undefined,
    `a heartbeat of ${service}`,
  );
  return { child, instance };
}

/** Ends an app with a signal and waits until it is gone. */
async function end(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}

/** Kills the apps still running, stops the collector and removes the test's directory. */
async function cleanUp(target: Target | undefined, directory: string | undefined): Promise<void> {
  for (const app of apps) if (app.exitCode === null && app.signalCode === null) app.kill('SIGKILL');
  await target?.collector.stop();
  if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
}

/** Waits for the sys_shutdown of an app that was asked to end. */
const shutdownOf = (target: Target, service: string) =>
  waitInOutput(
    target,
    (records) =>
      records.find((r) => r.eventName === 'security.sys_shutdown' && r.resource['service.name'] === service),
    `the sys_shutdown of ${service}`,
  );

/** Waits for the first source_silent alerts. */
const firstSilentAlerts = (target: Target) =>
  waitInOutput(
    target,
    (records) => {
      const found = silentAlerts(records);
      return found.length > 0 ? found : undefined;
    },
    'a source_silent alert',
  );

const silentAlerts = (records: OutputRecord[]) =>
  records.filter(
    (r) =>
      r.scope === PROCESSOR_SCOPE &&
      r.eventName === 'security.alert' &&
      r.attributes['security_rule.name'] === 'source_silent',
  );

describe('source_silent through otelcol-secotel', () => {
  let target: Target;
  let alerts: OutputRecord[];
  let killed: { instance: string };
  let clean: { instance: string };

  beforeAll(async () => {
    const binary = await buildBinaries();
    dir = mkdtempSync(join(tmpdir(), 'secotel-silent-'));
    const output = join(dir, 'output.json');
    const collector = await Collector.start(binary, [LOCAL_CONFIG, OVERLAY], {
      SECOTEL_OUTPUT: output,
      SECOTEL_STATE_DIR: join(dir, 'state'),
    });
    target = { collector, output };
    const cleanApp = await startApp(target, 'silent-clean');
    const killedApp = await startApp(target, 'silent-killed');
    clean = cleanApp;
    killed = killedApp;
    await end(cleanApp.child, 'SIGTERM');
    await shutdownOf(target, 'silent-clean');
    await end(killedApp.child, 'SIGKILL');
    alerts = await firstSilentAlerts(target);
  }, 180_000);

  afterAll(() => cleanUp(target, dir));

  it('raises source_silent for the instance killed with SIGKILL, keyed by its service and instance', () => {
    expect(alerts).toHaveLength(1);
    const [alert] = alerts;
    expect(alert?.severityText).toBe('CRITICAL');
    expect(alert?.attributes).toMatchObject({
      'security.alert.type': 'source_silent',
      'service.name': 'silent-killed',
      'service.instance.id': killed.instance,
    });
    expect(alert?.resource).toMatchObject({
      'service.name': 'silent-killed',
      'service.instance.id': killed.instance,
    });
  });

  it('raises nothing for the instance that shut down cleanly before it', () => {
    const all = silentAlerts(readOutput(target.output));
    expect(all.map((a) => a.attributes['service.instance.id'])).not.toContain(clean.instance);
  });
});

describe('source_silent across a collector restart (detection.storage)', () => {
  let restarted: Target;
  let restartDir: string;
  let killed: { instance: string };
  let clean: { instance: string };
  let alerts: OutputRecord[];
  let restartedAt: number;

  beforeAll(async () => {
    const binary = await buildBinaries();
    restartDir = mkdtempSync(join(tmpdir(), 'secotel-silent-restart-'));
    const state = join(restartDir, 'state');
    const before: Target = {
      collector: await Collector.start(binary, [LOCAL_CONFIG, OVERLAY], {
        SECOTEL_OUTPUT: join(restartDir, 'before.json'),
        SECOTEL_STATE_DIR: state,
      }),
      output: join(restartDir, 'before.json'),
    };
    const killedApp = await startApp(before, 'silent-restart-killed');
    const cleanApp = await startApp(before, 'silent-restart-clean');
    killed = killedApp;
    clean = cleanApp;
    await end(cleanApp.child, 'SIGTERM');
    await shutdownOf(before, 'silent-restart-clean');
    // The collector stops (saving its detection state), the app dies while it is down, and a new collector
    // process starts from the saved state; its output is a file of its own.
    const code = await before.collector.stop();
    expect(code, before.collector.stderr()).toBe(0);
    expect(silentAlerts(readOutput(before.output))).toEqual([]);
    await end(killedApp.child, 'SIGKILL');
    const output = join(restartDir, 'after.json');
    restartedAt = Date.now();
    restarted = {
      collector: await Collector.start(binary, [LOCAL_CONFIG, OVERLAY], {
        SECOTEL_OUTPUT: output,
        SECOTEL_STATE_DIR: state,
      }),
      output,
    };
    alerts = await firstSilentAlerts(restarted);
  }, 180_000);

  afterAll(() => cleanUp(restarted, restartDir));

  it('reports the instance killed while the collector was down, and not the one that shut down', () => {
    expect(alerts.map((a) => a.attributes['service.instance.id'])).toEqual([killed.instance]);
    expect(alerts[0]?.resource).toMatchObject({ 'service.name': 'silent-restart-killed' });
    expect(alerts.map((a) => a.attributes['service.instance.id'])).not.toContain(clean.instance);
    // Last heard of by the collector before the restart: the restarted one knew it only from the saved watch.
    expect(Date.parse(String(alerts[0]?.attributes['security.alert.last_seen']))).toBeLessThan(restartedAt);
  });
});
