import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { install } from '../otel-collector/stack/stack.mjs';
import { buildCollector } from './collector-build.mjs';
import { REPO_ROOT } from './paths';

/** What the local stack's tests need, installed or built once per run by this global setup. */
export interface StackTools {
  /** Empty when the run has no stack test (nothing was installed). */
  readonly binaries: {
    victoriaLogs: string;
    prometheus: string;
    alertmanager: string;
    chromium?: string;
  } | null;
  readonly collectorBinary: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stackTools: StackTools;
  }
}

/** The tests that run the stack: its own, and the demo's run against it. */
const STACK_TESTS = [
  resolve(REPO_ROOT, 'otel-collector/stack/test'),
  resolve(REPO_ROOT, 'examples/test/demo-stack.test.ts'),
];

/**
 * Installs what the local viewing and alerting stack needs (otel-collector/stack/install.sh: the prometheus,
 * prometheus-alertmanager and chromium Debian packages, VictoriaLogs through go install) and builds
 * otelcol-secotel, before the tests and outside their hook timeouts: on a new machine this takes minutes.
 * Quick when everything is there. Skipped when the run is filtered to other tests.
 */
export default async function setup(project: TestProject): Promise<void> {
  if (!(await runIncludesStackTests(project))) {
    project.provide('stackTools', { binaries: null, collectorBinary: '' });
    return;
  }
  const [binaries, collectorBinary] = await Promise.all([install({ browser: true }), buildCollector()]);
  project.provide('stackTools', { binaries, collectorBinary });
}

/** Whether the run's file filters (`vitest run packages/sdk`) select a stack test; yes when unsure. */
async function runIncludesStackTests(project: TestProject): Promise<boolean> {
  try {
    const filters = (project.vitest as { filenamePattern?: string[] }).filenamePattern ?? [];
    if (filters.length === 0) return true;
    const selected = await project.vitest.globTestSpecifications(filters);
    return selected.some((spec) => STACK_TESTS.some((path) => spec.moduleId.startsWith(path)));
  } catch {
    return true;
  }
}
