import { resolve } from 'node:path';
import { expect, inject } from 'vitest';
import { AppProcess } from '../../../../test-support/app-process';
import { OtlpSink, type ReceivedRecord } from '../../../../test-support/otlp-sink';
import { type NodeRun, runNode } from '../../../../test-support/run-node';

export const FIXTURES = resolve(__dirname, '../fixtures');

/** The drivers and API styles the fixtures cover (see fixtures/drivers.cjs). */
export const DRIVERS = [
  'pg-client',
  'pg-pool',
  'mysql2',
  'mysql2-promise',
  'node-sqlite',
  'better-sqlite3',
] as const;
export type Driver = (typeof DRIVERS)[number];

export const SENSITIVE_TABLES = 'customers_*';

/** The MongoDB clients the fixtures cover (see fixtures/mongo-drivers.cjs). */
export const MONGO_CLIENTS = ['mongodb', 'mongodb6', 'mongoose', 'mongoose8'] as const;
export type MongoClient = (typeof MONGO_CLIENTS)[number];

/** Connection details of the servers the global setup started (scripts/db-servers.sh). */
export function serverEnv(): Record<string, string> {
  return inject('dbServers').env;
}

function sdkEnv(sink: OtlpSink, extra: Record<string, string>): Record<string, string> {
  return {
    OTEL_SERVICE_NAME: 'db-fixture',
    OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: sink.logsEndpoint,
    OTEL_BLRP_SCHEDULE_DELAY: '50',
    ...serverEnv(),
    ...extra,
  };
}

/** Waits until the receiver got nothing new for a moment (the app flushed before it exited). */
async function settle(sink: OtlpSink): Promise<ReceivedRecord[]> {
  let seen = -1;
  while (seen !== sink.records.length) {
    seen = sink.records.length;
    await new Promise((done) => setTimeout(done, 300));
  }
  return [...sink.records];
}

/** Runs a fixture script to its end, with secotel (`flag`) or without it, exporting to a real OTLP receiver. */
export async function runScript(
  script: string,
  env: Record<string, string>,
  flag?: '--require' | '--import',
): Promise<NodeRun & { records: ReceivedRecord[] }> {
  const sink = await OtlpSink.start();
  try {
    const args = flag === undefined ? [script] : [flag, '@secotel/node/register', script];
    const run = await runNode(args, { cwd: FIXTURES, env: sdkEnv(sink, env), timeoutMillis: 60_000 });
    return { ...run, records: await settle(sink) };
  } finally {
    await sink.stop();
  }
}

/**
 * Starts a fixture app with secotel (or, with `secotel: false`, without it), runs `exercise` against it, stops
 * it and returns what was exported.
 */
export async function runApp(
  script: string,
  env: Record<string, string>,
  exercise: (app: AppProcess) => Promise<void>,
  { secotel = true }: { secotel?: boolean } = {},
): Promise<{ records: ReceivedRecord[]; stderr: string }> {
  const sink = await OtlpSink.start();
  try {
    const args = secotel ? ['--import', '@secotel/node/register', script] : [script];
    const app = await AppProcess.start(args, FIXTURES, sdkEnv(sink, env));
    let stderr: string;
    try {
      await exercise(app);
    } finally {
      stderr = await app.stop();
    }
    return { records: await settle(sink), stderr };
  } finally {
    await sink.stop();
  }
}

/** The records the database layer emitted (they carry db.system.name), of one event name. */
export function dbRecords(records: readonly ReceivedRecord[], eventName: string): ReceivedRecord[] {
  return records.filter((r) => r.eventName === eventName && r.attributes['db.system.name'] !== undefined);
}

/** The sensitive-data facts of one kind (`sensitive_read`, ...), as table or collection, operation, rows, system. */
export function sensitiveFacts(records: readonly ReceivedRecord[], name: string) {
  return dbRecords(records, `security.${name}`).map((r) => ({
    table: r.attributes['db.collection.name'],
    operation: r.attributes['db.operation.name'],
    rows: r.attributes['db.response.returned_rows'] ?? r.attributes['security.db.affected_rows'],
    system: r.attributes['db.system.name'],
  }));
}

/** A fixture script run with secotel ended as the bare run did, printing the same results and errors. */
export function expectSameRun(bare: NodeRun, instrumented: NodeRun): void {
  expect(bare.code, bare.stderr).toBe(0);
  expect(instrumented.code, instrumented.stderr).toBe(0);
  expect(instrumented.stdout).toBe(bare.stdout);
  expect(instrumented.stderr).not.toContain('internal error');
}
