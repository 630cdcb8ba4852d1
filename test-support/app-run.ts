import { dirname } from 'node:path';
import { AppProcess } from './app-process';
import { OtlpSink, type ReceivedRecord } from './otlp-sink';

export interface AppSpec {
  /** `--import` (ESM) or `--require` (CommonJS) for @secotel/node/register. */
  readonly flag: '--import' | '--require';
  readonly script: string;
  /** Where the app runs (and `script` is found when relative); the script's folder by default. */
  readonly cwd?: string;
  readonly env?: Record<string, string>;
}

/**
 * Starts the app with the register flag, exporting to a real OTLP receiver, runs `exercise` against it,
 * stops it (the SDK flushes on SIGTERM) and returns every record that arrived.
 */
export async function recordsOfRun(
  app: AppSpec,
  exercise: (server: AppProcess) => Promise<void>,
  expectedRecords: number,
): Promise<{ records: ReceivedRecord[]; stderr: string }> {
  const sink = await OtlpSink.start();
  try {
    const server = await AppProcess.start(
      [app.flag, '@secotel/node/register', app.script],
      app.cwd ?? dirname(app.script),
      {
        OTEL_SERVICE_NAME: 'http-fixture',
        OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: sink.logsEndpoint,
        OTEL_BLRP_SCHEDULE_DELAY: '50',
        ...app.env,
      },
    );
    let stderr: string;
    try {
      await exercise(server);
    } finally {
      stderr = await server.stop();
    }
    if (expectedRecords > 0) await sink.waitForRecords(expectedRecords, 10_000);
    // Anything beyond the expected records would be a false fact: give stragglers a moment to show.
    await new Promise((done) => setTimeout(done, 200));
    return { records: [...sink.records], stderr };
  } finally {
    await sink.stop();
  }
}
