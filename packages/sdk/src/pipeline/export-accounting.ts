import type { ExportResult } from '@opentelemetry/core';
import type { SelfReport } from '../self-report';
import { EXPORT_SUCCEEDED } from './export-result';
import type { LossReport } from './loss-report';

/** What becomes of one exporter's settled batches. */
export type ExportSettled = (count: number, result: ExportResult) => void;

/**
 * Counts what an exporter delivered and what it failed to deliver, so that no loss goes unnoticed; a delivery
 * tells `delivered`, which reports earlier losses to the backend now that it answers again.
 */
export function exportAccounting(
  name: string,
  report: SelfReport,
  losses: LossReport,
  delivered: (exporter: string) => void,
): ExportSettled {
  return (count, result) => {
    if (result.code === EXPORT_SUCCEEDED) {
      report.count(`exported_${name}`, count);
      delivered(name);
      return;
    }
    report.count(`export_failed_${name}`, count);
    losses.lost('export_failed', name, count);
    report.problem(`export_error_${name}`, `the ${name} exporter failed to deliver records`, result.error);
  };
}
