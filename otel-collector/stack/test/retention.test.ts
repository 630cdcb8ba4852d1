// Retention through the real local stack: VictoriaLogs started with the stack's retention setting (here 1d, its
// smallest) refuses a security record older than the retention, while a record of now in the same OTLP request
// through otelcol-secotel is stored. VictoriaLogs counts what it refused in vl_rows_dropped_total.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { RETENTION_PROFILES, retentionPeriod, type Stack, startStack } from '../stack.mjs';
import { eventually, logsql } from './support';

const DAY_NANOS = 86_400_000_000_000n;
const tools = inject('stackTools');
let stack: Stack | undefined;

function record(id: string, timeUnixNano: bigint) {
  return {
    timeUnixNano: String(timeUnixNano),
    eventName: 'security.authn_login_fail',
    severityText: 'WARN',
    severityNumber: 13,
    body: { stringValue: `login failed (${id})` },
    attributes: [{ key: 'retention.id', value: { stringValue: id } }],
  };
}

async function droppedTooOld(): Promise<number> {
  const metrics = await (await fetch(`${stack?.endpoints.victoriaLogs}/metrics`)).text();
  const line = metrics
    .split('\n')
    .find((l) => l.startsWith('vl_rows_dropped_total{reason="too_small_timestamp"}'));
  return Number(line?.split(' ')[1] ?? Number.NaN);
}

describe('retention setting', () => {
  it('names the PCI DSS profile 12 months and refuses what is not a profile or a duration', () => {
    expect(retentionPeriod('pci-dss')).toBe('365d');
    expect(RETENTION_PROFILES.default).toBe('7d');
    expect(retentionPeriod(undefined)).toBe('7d');
    expect(retentionPeriod('90d')).toBe('90d');
    for (const wrong of ['12 months', '0d', '365', 'pci', '1h']) {
      expect(() => retentionPeriod(wrong)).toThrow(/neither a profile \(default, pci-dss\) nor a duration/);
    }
  });
});

describe('the PCI DSS profile in each shipped backend config', () => {
  const config = (path: string) => readFileSync(resolve(__dirname, '../..', path), 'utf8');

  it('keeps 12 months in Loki, with the compactor deleting', () => {
    const loki = parse(config('config/loki-retention.yaml'));
    expect(loki.limits_config.retention_period).toBe(`${365 * 24}h`);
    expect(loki.compactor.retention_enabled).toBe(true);
  });

  it('keeps 3 months hot and 12 months in all in Elasticsearch', () => {
    const { phases } = JSON.parse(config('siemexporter/elasticsearch/ilm-policy.json')).policy;
    expect(phases.cold.min_age).toBe('90d');
    expect(phases.delete.min_age).toBe('365d');
  });
});

describe('a stack keeping 1 day', () => {
  beforeAll(async () => {
    if (!tools.binaries) throw new Error('the stack global setup did not run (test-support/stack-setup.ts)');
    stack = await startStack({
      binaries: tools.binaries,
      collectorBinary: tools.collectorBinary,
      retention: '1d',
    });
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('drops a record three days old and keeps one of now, sent together', async () => {
    if (!stack) throw new Error('no stack');
    const before = await droppedTooOld();
    const now = BigInt(Date.now()) * 1_000_000n;
    const response = await fetch(`${stack.endpoints.otlpHttp}/v1/logs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        resourceLogs: [
          {
            resource: { attributes: [{ key: 'service.name', value: { stringValue: 'retention' } }] },
            scopeLogs: [
              {
                scope: { name: 'app' },
                logRecords: [record('over-age', now - 3n * DAY_NANOS), record('fresh', now)],
              },
            ],
          },
        ],
      }),
    });
    expect(response.status).toBe(200);
    await eventually('the fresh record in VictoriaLogs', 60_000, async () => {
      const found = await logsql(stack?.endpoints.victoriaLogs ?? '', 'retention.id:=fresh');
      return found.length > 0 ? found : undefined;
    });
    // Both records left the collector in one export: once the fresh one is stored, the other was judged too.
    const overAge = await logsql(stack.endpoints.victoriaLogs, 'retention.id:="over-age" _time:10d');
    expect(overAge).toEqual([]);
    expect(await droppedTooOld()).toBe(before + 1);
  });
});
