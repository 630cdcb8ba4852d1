// A hostile sender against the real otelcol-secotel binary with the shipped config/local.yaml (ports, output and
// state from the environment; nothing else changed): records that pass themselves off as the processor's (its
// scope, its event names, its chain, alert and rule attributes, also as repeated keys in OTLP JSON) must reach the
// output renamed under client_sent., so that the processor's own records stay unforgeable, and secotel-verify
// must judge the output without crashing; a record with 100,000 attributes is cut to input.max_attributes; a
// negative or oversized numeric timestamp is a bad request (400), not a server error. The same forged batch sent
// through config/router.yaml must be renamed by the config/gateway.yaml instances behind it.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROCESSOR_SCOPE } from './support/output';
import { buildBinaries, COLLECTOR_DIR, Collector, secotelVerify } from './support/processes';
import { type RawRecord, readRawRecords } from './support/raw-output';
import { metricByLabel, shardedStack } from './support/scenario';

const MINUTES = 60_000;
const LOCAL_CONFIG = resolve(COLLECTOR_DIR, 'config/local.yaml');
const OWN_EVENTS = ['security.alert', 'security.integrity_checkpoint', 'security.malicious_excess_404'];
const CHAIN_KEYS = [
  'security.integrity.stream',
  'security.integrity.chain',
  'security.integrity.seq',
  'security.integrity.prev_hash',
  'security.integrity.hash',
];

const str = (value: string) => ({ stringValue: value });
const int = (value: number) => ({ intValue: String(value) });
const attr = (key: string, value: object) => ({ key, value });

/** What a hostile client sends, in OTLP JSON: each record tries another way to speak as the processor. */
function impersonation() {
  const now = String(BigInt(Date.now()) * 1_000_000n);
  const record = (eventName: string, attributes: object[]) => ({
    timeUnixNano: now,
    eventName,
    severityText: 'CRITICAL',
    severityNumber: 21,
    body: str(`forged ${eventName}`),
    attributes,
  });
  const forgedAlert = [
    attr('security_rule.name', str('brute_force')),
    attr('security_rule.uuid', str('6c3e8a43-1f1c-5b8e-9f8b-6a3f4b1d2c0e')),
    attr('security.alert.key', str('client.address=198.51.100.1')),
    attr('security.alert.count', int(10)),
    attr('security.category', str('alert')),
  ];
  // A checkpoint without a reason: it made secotel-verify panic.
  const forgedCheckpoint = [
    attr('security.integrity.stream', str('service.name=shop')),
    attr('security.integrity.checkpoint.seq', int(1)),
    attr('security.integrity.checkpoint.hash', str('00'.repeat(32))),
    attr('security.integrity.signature_algorithm', str('none')),
    attr('security.category', str('integrity')),
  ];
  return {
    resourceLogs: [
      {
        resource: {
          attributes: [attr('service.name', str('shop')), attr('security.integrity.chain', str('ffff'))],
        },
        scopeLogs: [
          {
            scope: { name: PROCESSOR_SCOPE },
            logRecords: [
              record('security.alert', forgedAlert),
              record('security.integrity_checkpoint', forgedCheckpoint),
              record('security.authn_login_success', [attr('user.name', str('mallory'))]),
            ],
          },
          {
            scope: { name: 'app' },
            logRecords: [
              record('security.alert', forgedAlert),
              record('security.integrity_checkpoint', forgedCheckpoint),
              record('SECURITY.ALERT', forgedAlert),
              record('security.malicious_excess_404', [attr('client.address', str('198.51.100.2'))]),
              // Chain keys set by the client, each twice (pdata keeps repeated keys), and the event name as the
              // attribute the Loki branch reads.
              record('security.authn_login_fail', [
                attr('client.address', str('203.0.113.5')),
                attr('security.integrity.seq', int(1)),
                attr('client.address', str('10.9.9.9')),
                attr('security.integrity.seq', int(2)),
                attr('security.integrity.hash', str('00')),
                attr('security.integrity.hash', str('11')),
                attr('event_name', str('security.alert')),
              ]),
            ],
          },
        ],
      },
    ],
  };
}

async function postJson(collector: Collector, body: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${collector.otlpHttpEndpoint}/v1/logs`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  });
  return { status: response.status, text: await response.text() };
}

/** A record with `n` junk attributes after its own client.address. */
function manyAttributes(n: number): string {
  const junk = Array.from({ length: n }, (_, i) => `{"key":"junk.${i}","value":{"stringValue":"x"}}`).join(
    ',',
  );
  return (
    `{"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"wide"}}]},` +
    `"scopeLogs":[{"scope":{"name":"app"},"logRecords":[{"eventName":"security.authn_login_fail",` +
    `"timeUnixNano":"${BigInt(Date.now()) * 1_000_000n}","attributes":[` +
    `{"key":"client.address","value":{"stringValue":"203.0.113.77"}},${junk}]}]}]}]}`
  );
}

const keysOf = (record: RawRecord) => record.attributes.map(({ key }) => key);
const attributeOf = (record: RawRecord, key: string) => record.attributes.find((a) => a.key === key)?.value;

/** A sender's records, as the output holds them, carry the chain's attributes and nothing else of the processor's. */
function expectNothingOfTheProcessorsOn(sent: RawRecord[]): void {
  expect(sent.length).toBeGreaterThanOrEqual(7);
  for (const record of sent) {
    expect(OWN_EVENTS).not.toContain(record.eventName.trim().toLowerCase());
    const keys = keysOf(record);
    expect(new Set(keys).size, `${record.eventName}: ${keys}`).toBe(keys.length);
    const processorKeys = keys.filter((k) =>
      /^(security\.integrity\.|security_rule\.|security\.alert\.)/i.test(k),
    );
    expect(processorKeys.sort()).toEqual([...CHAIN_KEYS].sort());
    expect(['alert', 'integrity']).not.toContain(attributeOf(record, 'security.category'));
    expect(OWN_EVENTS).not.toContain(attributeOf(record, 'event_name'));
    expect(record.resourceKeys.filter((k) => k.startsWith('security.integrity.'))).toEqual([]);
  }
}

describe('a hostile sender against config/local.yaml', () => {
  let dir: string;
  let output: string;
  let collector: Collector | undefined;
  let records: RawRecord[];
  let metrics: string;
  const answers: Record<string, number> = {};

  beforeAll(async () => {
    const binary = await buildBinaries();
    dir = mkdtempSync(join(tmpdir(), 'secotel-hostile-'));
    output = join(dir, 'output.json');
    collector = await Collector.start(binary, [LOCAL_CONFIG], {
      SECOTEL_OUTPUT: output,
      SECOTEL_STATE_DIR: join(dir, 'state'),
    });
    answers.impersonation = (await postJson(collector, JSON.stringify(impersonation()))).status;
    answers.wide = (await postJson(collector, manyAttributes(100_000))).status;
    const template = (field: string, value: string) =>
      `{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"${field}":${value},"body":{"stringValue":"t"}}]}]}]}`;
    for (const [name, field, value] of [
      ['negative time', 'timeUnixNano', '-5'],
      ['negative observed time', 'observedTimeUnixNano', '-1'],
      ['time above 2^64', 'timeUnixNano', '18446744073709551616'],
      ['fractional time', 'timeUnixNano', '1.5'],
      ['exponent time', 'timeUnixNano', '1e30'],
    ] as const) {
      answers[name] = (await postJson(collector, template(field, value))).status;
    }
    answers['largest time'] = (
      await postJson(collector, template('timeUnixNano', '18446744073709551615'))
    ).status;
    // The receiver answers once the processor has handled the batch: its counters are up to date.
    metrics = await collector.metrics();
    expect(await collector.stop()).toBe(0);
    collector = undefined;
    records = readRawRecords(output);
  }, 10 * MINUTES);

  afterAll(async () => {
    await collector?.stop();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('accepts the forged records (the sender is not refused, its records are renamed)', () => {
    expect(answers.impersonation).toBe(200);
  });

  it("keeps the processor's scope and event names for the processor's own records", () => {
    const claimed = records.filter(
      (r) => r.scope === PROCESSOR_SCOPE || OWN_EVENTS.includes(r.eventName.trim().toLowerCase()),
    );
    expect(claimed.length).toBeGreaterThan(0);
    for (const record of claimed) {
      expect(record.scope).toBe(PROCESSOR_SCOPE);
      expect(record.eventName).toBe('security.integrity_checkpoint');
      expect(['genesis', 'interval', 'shutdown']).toContain(attributeOf(record, 'security.integrity.reason'));
    }
  });

  it('leaves no processor attribute on what a sender sent, and every key once', () => {
    expectNothingOfTheProcessorsOn(records.filter((r) => r.scope !== PROCESSOR_SCOPE));
  });

  it('keeps the forged records visible, renamed under client_sent.', () => {
    const renamed = records.filter((r) => r.eventName.startsWith('client_sent.')).map((r) => r.eventName);
    expect(renamed.sort()).toEqual(
      [
        'client_sent.SECURITY.ALERT',
        'client_sent.security.alert',
        'client_sent.security.alert',
        'client_sent.security.integrity_checkpoint',
        'client_sent.security.integrity_checkpoint',
        'client_sent.security.malicious_excess_404',
      ].sort(),
    );
    const alert = records.find((r) => r.eventName === 'client_sent.security.alert');
    expect(alert && attributeOf(alert, 'client_sent.security_rule.name')).toBe('brute_force');
    expect(records.filter((r) => r.scope === `client_sent.${PROCESSOR_SCOPE}`)).toHaveLength(3);
    const fail = records.find((r) => r.eventName === 'security.authn_login_fail' && r.scope === 'app');
    expect(fail && attributeOf(fail, 'client.address')).toBe('203.0.113.5');
    expect(fail && attributeOf(fail, 'client_sent.security.integrity.seq')).toBe(1);
    expect(fail && attributeOf(fail, 'client_sent.event_name')).toBe('security.alert');
    expect(metricByLabel(metrics, 'otelcol_processor_security_input_renamed', 'what')).toMatchObject({
      event_name: 6,
      scope: 1,
    });
  });

  it('cuts a record of 100,000 attributes to input.max_attributes (128) and counts the rest', () => {
    expect(answers.wide).toBe(200);
    const wide = records.find((r) => attributeOf(r, 'client.address') === '203.0.113.77');
    expect(wide?.attributes).toHaveLength(128 + CHAIN_KEYS.length);
    const dropped = metricByLabel(metrics, 'otelcol_processor_security_input_dropped_attributes', 'reason');
    expect(dropped.over_limit).toBe(100_001 - 128);
  });

  it('answers 400 to a timestamp that is not an unsigned 64-bit integer, 200 to the largest that is', () => {
    expect(answers).toMatchObject({
      'negative time': 400,
      'negative observed time': 400,
      'time above 2^64': 400,
      'fractional time': 400,
      'exponent time': 400,
      'largest time': 200,
    });
  });

  it('secotel-verify judges the output without crashing, and finds it intact', async () => {
    const verified = await secotelVerify([output]);
    expect(verified.stderr).not.toMatch(/panic/);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
  });
});

describe('a hostile sender through config/router.yaml to two config/gateway.yaml', () => {
  let dir: string;
  let stop: (() => Promise<Array<number | null>>) | undefined;
  let records: RawRecord[];

  beforeAll(async () => {
    const binary = await buildBinaries();
    dir = mkdtempSync(join(tmpdir(), 'secotel-hostile-tier-'));
    const stack = await shardedStack(binary, dir);
    stop = stack.stop;
    // The router forwards over OTLP/gRPC: repeated keys travel on in protobuf too.
    const response = await fetch(`${stack.endpoint}/v1/logs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(impersonation()),
    });
    expect(response.status).toBe(200);
    expect(await stack.stop()).toEqual([0, 0, 0, 0]);
    stop = undefined;
    // A gateway that got only user-keyed copies stores nothing, so it writes no file at all.
    const written = stack.outputs.filter((path) => existsSync(path));
    expect(written.length).toBeGreaterThan(0);
    records = written.flatMap((path) => readRawRecords(path));
  }, 10 * MINUTES);

  afterAll(async () => {
    await stop?.();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('is renamed by the gateways: only their own checkpoints speak as the processor', () => {
    const claimed = records.filter((r) => r.scope === PROCESSOR_SCOPE);
    expect(claimed.length).toBeGreaterThan(0);
    for (const record of claimed) expect(record.eventName).toBe('security.integrity_checkpoint');
    expectNothingOfTheProcessorsOn(records.filter((r) => r.scope !== PROCESSOR_SCOPE));
    expect(records.filter((r) => r.eventName.startsWith('client_sent.'))).toHaveLength(6);
  });
});
