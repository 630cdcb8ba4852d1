import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CACHE_DIR, NODE_BINARY, REPO_ROOT } from '../../../../test-support/paths';
import { FIXTURES } from './runs';

/**
 * Generates the Prisma client of fixtures/prisma/schema.prisma and returns its entry file. Generating runs
 * Prisma's WebAssembly schema tools only; the CLI would still fetch its native schema engine (for migrations) from
 * binaries.prisma.sh, outside the npm registry, unless told where one is, so it is pointed at a file it never runs.
 */
export function generatePrismaClient(): string {
  const output = resolve(CACHE_DIR, 'prisma-client');
  execFileSync(
    NODE_BINARY,
    [
      resolve(REPO_ROOT, 'node_modules/prisma/build/index.js'),
      'generate',
      '--schema',
      resolve(FIXTURES, 'prisma/schema.prisma'),
    ],
    {
      env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/false', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
      stdio: 'pipe',
      timeout: 120_000,
    },
  );
  // The client is TypeScript in ES module syntax: saying so spares Node a reparse and its warning.
  writeFileSync(resolve(output, 'package.json'), '{ "type": "module" }\n');
  return resolve(output, 'client.ts');
}
