// The shipped Loki config (config/loki.yaml) on the real otelcol-secotel binary, with its Loki exporter pointed at
// a real OTLP/HTTP receiver (test-support/otlpsink) instead of Loki: what goes to Loki must carry the EventName
// also as the attribute event_name (released Loki drops the EventName; the Grafana dashboards and rules filter on
// event_name), after the security processor (chain attributes present), while the file output stays exactly as the
// processor chained it (no event_name attribute, and secotel-verify reports it intact).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtlpSink, type ReceivedRecord } from '../../test-support/otlp-sink';
import { type OutputRecord, readOutput } from './support/output';
import { buildBinaries, COLLECTOR_DIR, Collector, secotelVerify } from './support/processes';

const MINUTES = 60_000;
const LOKI_CONFIG = resolve(COLLECTOR_DIR, 'config/loki.yaml');
const LOGIN_FAIL = 'security.authn_login_fail';
const CHECKPOINT = 'security.integrity_checkpoint';

/**
 * Loaded after config/loki.yaml: the ports the test picked, a checkpoint every second (so one appears within the
 * run), and the Loki exporter sent to the sink. The sink takes uncompressed bodies only, hence `compression: none`;
 * everything else (pipelines, transform) is the shipped file.
 */
const OVERLAY = `
processors:
  security:
    integrity:
      checkpoint_interval: 1s
extensions:
  health_check:
    endpoint: 127.0.0.1:\${env:SECOTEL_HEALTH_PORT}
receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 127.0.0.1:\${env:SECOTEL_OTLP_GRPC_PORT}
      http:
        endpoint: 127.0.0.1:\${env:SECOTEL_OTLP_HTTP_PORT}
exporters:
  otlphttp/loki:
    endpoint: \${env:E2E_LOKI_ENDPOINT}
    compression: none
`;

const str = (value: string) => ({ stringValue: value });

/** One failed login as the SDK sends it (OTLP JSON), from 203.0.113.9 against alice. */
function loginFailure(i: number) {
  const now = BigInt(Date.now()) * 1_000_000n + BigInt(i);
  return {
    timeUnixNano: String(now),
    observedTimeUnixNano: String(now),
    eventName: LOGIN_FAIL,
    severityNumber: 13,
    severityText: 'WARN',
    body: str('login failed for alice'),
    attributes: [
      { key: 'client.address', value: str('203.0.113.9') },
      { key: 'user.name', value: str('alice') },
      { key: 'security.authn.method', value: str('password') },
      { key: 'error.type', value: str('invalid_credentials') },
    ],
  };
}

describe('config/loki.yaml: event_name for Loki, the file output unchanged', () => {
  let dir: string;
  let sink: OtlpSink;
  let collector: Collector | undefined;
  let output: string;
  let exported: ReceivedRecord[];
  let written: OutputRecord[];

  beforeAll(async () => {
    const binary = await buildBinaries();
    dir = mkdtempSync(join(tmpdir(), 'secotel-loki-'));
    const overlay = join(dir, 'overlay.yaml');
    writeFileSync(overlay, OVERLAY);
    output = join(dir, 'output.json');
    sink = await OtlpSink.start();
    collector = await Collector.start(binary, [LOKI_CONFIG, overlay], {
      SECOTEL_OUTPUT: output,
      SECOTEL_STATE_DIR: join(dir, 'state'),
      E2E_LOKI_ENDPOINT: sink.url,
    });
    const response = await fetch(`${collector.otlpHttpEndpoint}/v1/logs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        resourceLogs: [
          {
            resource: { attributes: [{ key: 'service.name', value: str('shop') }] },
            scopeLogs: [{ scope: { name: '@secotel/node' }, logRecords: [0, 1, 2].map(loginFailure) }],
          },
        ],
      }),
    });
    expect(response.status).toBe(200);
    await sink.waitForRecords(3, 30_000);
    const deadline = Date.now() + 30_000;
    while (!sink.records.some((r) => r.eventName === CHECKPOINT) && Date.now() < deadline) {
      await new Promise((done) => setTimeout(done, 200));
    }
    // Stopping flushes both branches and writes the shutdown checkpoint.
    const code = await collector.stop();
    collector = undefined;
    expect(code).toBe(0);
    exported = sink.records;
    written = readOutput(output);
  }, 10 * MINUTES);

  afterAll(async () => {
    await collector?.stop();
    await sink?.stop();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('exports each record to Loki with the attribute event_name set to its EventName', () => {
    const failures = exported.filter((r) => r.eventName === LOGIN_FAIL);
    expect(failures).toHaveLength(3);
    for (const record of failures) {
      expect(record.attributes.event_name).toBe(LOGIN_FAIL);
      expect(record.attributes['client.address']).toBe('203.0.113.9');
    }
    // Records the collector makes itself (checkpoints) get it too.
    const checkpoints = exported.filter((r) => r.eventName === CHECKPOINT);
    expect(checkpoints.length).toBeGreaterThanOrEqual(1);
    for (const record of checkpoints) expect(record.attributes.event_name).toBe(CHECKPOINT);
  });

  it('applies the transform after the security processor (the exported records are chained)', () => {
    for (const record of exported.filter((r) => r.eventName === LOGIN_FAIL)) {
      expect(record.attributes['security.integrity.hash']).toEqual(expect.any(String));
      expect(record.attributes['security.integrity.seq']).toEqual(expect.any(Number));
    }
  });

  it('writes the same records to the file without event_name, and secotel-verify finds them intact', async () => {
    expect(written.filter((r) => r.eventName === LOGIN_FAIL)).toHaveLength(3);
    for (const record of written) expect(record.attributes).not.toHaveProperty('event_name');
    // Same chain on both branches: each record that went to Loki is in the file, less the one attribute. (The
    // file may hold more: the shutdown checkpoint stays in the Loki exporter's disk queue for the next start.)
    const place = (a: Record<string, unknown>) =>
      ['stream', 'chain', 'seq'].map((k) => String(a[`security.integrity.${k}`])).join('/');
    const byPlace = new Map(written.map((r) => [place(r.attributes), r.attributes]));
    expect(exported.length).toBeGreaterThanOrEqual(4);
    for (const { attributes } of exported) {
      const { event_name: _, ...rest } = attributes;
      expect(byPlace.get(place(attributes))).toEqual(rest);
    }
    const result = await secotelVerify([output]);
    expect(result.stdout).toContain(`CONSISTENT: ${written.length} records in `);
    expect(result.code).toBe(0);
  });
});
