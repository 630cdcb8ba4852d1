import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNode } from '../../../test-support/run-node';
import { registerEsmLoaderHook } from '../src/esm-loader-hook';

const fixtures = resolve(__dirname, 'fixtures');
const require = createRequire(import.meta.url);

describe('the ESM loader hook', () => {
  it('lets an instrumentation patch an ES module imported by the application', async () => {
    const run = await runNode(['--import', './esm-hook-preload.mjs', 'esm-hook-app.mjs'], { cwd: fixtures });
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')).toEqual(['mode sync', 'greeting patched', '']);
  });

  it("loads import-in-the-middle's loader only when the application imports a module it intercepts", async () => {
    const run = await runNode(['--import', './esm-hook-preload.mjs', 'esm-hook-lazy-app.mjs'], {
      cwd: fixtures,
    });
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')).toEqual([
      'mode sync',
      'esm-hook-lazy-app.mjs loader false',
      'target loader true greeting patched',
      '',
    ]);
  });

  it('installs nothing when no instrumentation names a module', () => {
    expect(registerEsmLoaderHook([])).toBe('none');
  });

  it('shares one import-in-the-middle with @opentelemetry/instrumentation', () => {
    const fromNode = realpathSync(
      require.resolve('import-in-the-middle', { paths: [resolve(__dirname, '..')] }),
    );
    const instrumentation = realpathSync(
      require.resolve('@opentelemetry/instrumentation', { paths: [resolve(__dirname, '..')] }),
    );
    const fromInstrumentation = realpathSync(
      require.resolve('import-in-the-middle', { paths: [instrumentation] }),
    );
    expect(fromInstrumentation).toBe(fromNode);
  });
});
