// The two tiers of the test suite. The unit tier is every test file that needs neither Go, root, apt
// nor a server: `npm run test:unit` runs it in about a minute, and `npm test` runs it on Node 22 too.
// A test file belongs to the integration tier when it uses what needs those: the OTLP receiver (a Go
// binary), the database servers or the local stack (Debian packages), the collector or its e2e and
// stack helpers, the go tools (go, gofmt), or pySigma (installed from PyPI into .cache/python-tools). The rule
// reads the file, so a new test lands in the right tier without a list to keep.
import { globSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const TEST_GLOBS = [
  'packages/*/test/**/*.test.ts',
  'otel-collector/e2e/**/*.test.ts',
  'otel-collector/stack/test/**/*.test.ts',
  'otel-collector/grafana/test/**/*.test.ts',
  'examples/test/**/*.test.ts',
  'scripts/test/**/*.test.ts',
  'test-support/test/**/*.test.ts',
];

const NEEDS_INTEGRATION =
  /test-support\/(otlp-sink|app-run)|python-tools|inject\('(dbServers|stackTools)'\)|e2e\/support\/|stack\/test\/support|otelcol|licence-gate|\b(execFile|execFileSync|spawn|spawnSync|run)\('go(fmt)?'/;

/** @param {string} root @returns {{ unit: string[], integration: string[] }} */
export function testTiers(root) {
  const files = TEST_GLOBS.flatMap((glob) => globSync(glob, { cwd: root })).sort();
  const integration = files.filter((f) => NEEDS_INTEGRATION.test(readFileSync(resolve(root, f), 'utf8')));
  return { unit: files.filter((f) => !integration.includes(f)), integration };
}
