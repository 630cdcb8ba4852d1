import { defineConfig } from 'vitest/config';
import { testTiers } from './test-support/tiers.mjs';

const tiers = testTiers(import.meta.dirname);

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      // `npm run test:unit`: no Go, root, apt or server needed (test-support/tiers.mjs says which files).
      { extends: true, test: { name: 'unit', include: tiers.unit } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: tiers.integration,
          globalSetup: [
            'test-support/global-setup.ts',
            'test-support/db-servers.ts',
            'test-support/stack-setup.ts',
          ],
        },
      },
    ],
  },
});
