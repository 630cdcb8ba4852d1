// PCI DSS 10.7.2 end to end: two apps registered with the SDK send heartbeats every second through the real
// otelcol-secotel (config/local.yaml + silent-source.yaml, source_silent with a 3 s timespan). One shuts down
// cleanly (SIGTERM), then the other is killed with SIGKILL. The killed one must raise source_silent; the clean one
// must not, although it went quiet first: its silence would have been found at the same check or an earlier one.
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
let output: string;
let collector: Collector | undefined;
const apps: ChildProcess[] = [];

/** Reads the output until `found` returns something, for at most 60 s. */
async function waitInOutput<T>(found: (records: OutputRecord[]) => T | undefined, what: string): Promise<T> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const records = (() => {
      try {
        return readOutput(output);
      } catch {
        return [];
      }
    })();
    const result = found(records);
    if (result !== undefined) return result;
    await new Promise((settle) => setTimeout(settle, 100));
  }
  throw new Error(`not in the collector's output after 60 s: ${what}\n${collector?.stderr()}`);
}

async function startApp(service: string): Promise<{ child: ChildProcess; instance: string }> {
  const child = spawn(NODE_BINARY, ['--require', '@secotel/node/register', APP], {
    cwd: resolve(REPO_ROOT, 'packages/node'),
    env: {
      PATH: process.env.PATH,
      OTEL_SERVICE_NAME: service,
      OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: `${collector?.otlpHttpEndpoint}/v1/logs`,
      OTEL_BLRP_SCHEDULE_DELAY: '100',
      SECOTEL_HEARTBEAT_INTERVAL: '1',
    },
  });
  apps.push(child);
  await once(createInterface({ input: child.stdout as NodeJS.ReadableStream }), 'line');
  const instance = await waitInOutput(
    (records) =>
      records.find((r) => r.eventName === 'security.sys_heartbeat' && r.resource['service.name'] === service)
        ?.resource['service.instance.id'] as string | undefined,
    `a heartbeat of ${service}`,
  );
  return { child, instance };
}

const silentAlerts = (records: OutputRecord[]) =>
  records.filter(
    (r) =>
      r.scope === PROCESSOR_SCOPE &&
      r.eventName === 'security.alert' &&
      r.attributes['security_rule.name'] === 'source_silent',
  );

describe('source_silent through otelcol-secotel', () => {
  let alerts: OutputRecord[];
  let killed: { instance: string };
  let clean: { instance: string };

  beforeAll(async () => {
    const binary = await buildBinaries();
    dir = mkdtempSync(join(tmpdir(), 'secotel-silent-'));
    output = join(dir, 'output.json');
    collector = await Collector.start(binary, [LOCAL_CONFIG, OVERLAY], {
      SECOTEL_OUTPUT: output,
      SECOTEL_STATE_DIR: join(dir, 'state'),
    });
    const cleanApp = await startApp('silent-clean');
    const killedApp = await startApp('silent-killed');
    clean = cleanApp;
    killed = killedApp;
    cleanApp.child.kill('SIGTERM');
    await once(cleanApp.child, 'exit');
    await waitInOutput(
      (records) =>
        records.find(
          (r) => r.eventName === 'security.sys_shutdown' && r.resource['service.name'] === 'silent-clean',
        ),
      "the clean app's sys_shutdown",
    );
    killedApp.child.kill('SIGKILL');
    await once(killedApp.child, 'exit');
    alerts = await waitInOutput((records) => {
      const found = silentAlerts(records);
      return found.length > 0 ? found : undefined;
    }, 'a source_silent alert');
  }, 180_000);

  afterAll(async () => {
    for (const app of apps) if (app.exitCode === null && app.signalCode === null) app.kill('SIGKILL');
    await collector?.stop();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

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
    const all = silentAlerts(readOutput(output));
    expect(all.map((a) => a.attributes['service.instance.id'])).not.toContain(clean.instance);
  });
});
