import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './repo';

// The helpers' types are the point of generating them, so a fixture of right and wrong calls is compiled with
// the repository's compiler settings; every `@ts-expect-error` in it must meet its error.
describe('typed helpers', () => {
  it('accept the calls the spec allows and reject the others', () => {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const run = spawnSync(process.execPath, [tsc, '-p', 'packages/semconv/test/tsconfig.fixture.json'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
