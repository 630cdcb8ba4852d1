import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'otel-collector/e2e/**/*.test.ts',
      'otel-collector/stack/test/**/*.test.ts',
      'otel-collector/grafana/test/**/*.test.ts',
      'examples/test/**/*.test.ts',
      'scripts/test/**/*.test.ts',
    ],
    globalSetup: [
      'test-support/global-setup.ts',
      'test-support/db-servers.ts',
      'test-support/stack-setup.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
