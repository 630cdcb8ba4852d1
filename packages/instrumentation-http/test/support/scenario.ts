import { resolve } from 'node:path';
import type { AppProcess } from '../../../../test-support/app-process';
import { type AppSpec, recordsOfRun as recordsOfAppRun } from '../../../../test-support/app-run';
import type { ReceivedRecord } from '../../../../test-support/otlp-sink';

export type { AppSpec };

export const FIXTURES = resolve(__dirname, '../fixtures');

/** test-support's recordsOfRun for an app of this package's fixtures (`script` relative to them unless `cwd` says otherwise). */
export function recordsOfRun(
  app: AppSpec,
  exercise: (server: AppProcess) => Promise<void>,
  expectedRecords: number,
): Promise<{ records: ReceivedRecord[]; stderr: string }> {
  return recordsOfAppRun({ cwd: FIXTURES, ...app }, exercise, expectedRecords);
}
