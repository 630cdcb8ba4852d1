import { resolve } from 'node:path';
import { AppProcess, type Reply, type RequestSpec } from '../../../../test-support/app-process';
import { recordsOfRun } from '../../../../test-support/app-run';
import type { ReceivedRecord } from '../../../../test-support/otlp-sink';

const FIXTURES = resolve(__dirname, '../fixtures');

export interface FixtureApp {
  /** `--import` (ESM) or `--require` (CommonJS) for @secotel/node/register. */
  readonly flag: '--import' | '--require';
  /** Relative to test/fixtures, e.g. `tokens-app/app.mjs`. */
  readonly script: string;
  readonly env?: Record<string, string>;
}

/** What the app answered to one request, in the order they were sent. */
export interface Exchange {
  readonly path: string;
  readonly reply: Reply;
}

/** Sends requests and writes down every answer; `exercise` functions drive an app through one of these. */
export class Client {
  readonly exchanges: Exchange[] = [];

  constructor(private readonly server: AppProcess) {}

  async send(spec: RequestSpec): Promise<Reply> {
    const reply = await this.server.send(spec);
    this.exchanges.push({ path: spec.path, reply });
    return reply;
  }
}

/**
 * Runs `exercise` against the fixture app started with @secotel/node/register and a real OTLP receiver;
 * returns the records that arrived (at least `expectedRecords`), the app's stderr and the exchanges.
 */
export async function runWithSecotel(
  app: FixtureApp,
  exercise: (client: Client) => Promise<void>,
  expectedRecords: number,
): Promise<{ records: ReceivedRecord[]; stderr: string; exchanges: Exchange[] }> {
  let exchanges: Exchange[] = [];
  const { records, stderr } = await recordsOfRun(
    { flag: app.flag, script: resolve(FIXTURES, app.script), env: app.env },
    async (server) => {
      const client = new Client(server);
      await exercise(client);
      exchanges = client.exchanges;
    },
    expectedRecords,
  );
  return { records, stderr, exchanges };
}

/** Runs `exercise` against the fixture app started without secotel, for comparing the app's answers. */
export async function runWithoutSecotel(
  script: string,
  exercise: (client: Client) => Promise<void>,
): Promise<Exchange[]> {
  const server = await AppProcess.start([resolve(FIXTURES, script)], FIXTURES);
  try {
    const client = new Client(server);
    await exercise(client);
    return client.exchanges;
  } finally {
    await server.stop();
  }
}

/** The event names recorded for one request path, in the order they were emitted. */
export function eventsAt(records: readonly ReceivedRecord[], path: string): string[] {
  return records.filter((r) => r.attributes['url.path'] === path).map((r) => r.eventName);
}
