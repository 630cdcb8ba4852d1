// register's instrumentations wait for their library: their packages load when it is first required, and they then
// behave as the classes do (records while enabled, none once disabled, records again once re-enabled). The outlines
// they hook by are the classes' own module definitions.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT_PATH, renderOutlines } from '../../../scripts/generate-instrumentation-outlines.mjs';
import { runNode } from '../../../test-support/run-node';
import { deferredInstrumentation, outlineOf } from '../src/deferred-instrumentation';
import { OUTLINES } from '../src/instrumentation-outlines.generated';
import { createInstrumentations, INSTRUMENTATIONS } from '../src/instrumentations';

const OPTIONS = { trustProxy: { kind: 'none' }, sensitiveTables: [] } as const;

describe('deferred instrumentations', () => {
  it('load their package when the library is first required, then record, stop on disable() and resume', async () => {
    const run = await runNode(['deferred-app.cjs'], {
      cwd: resolve(__dirname, 'fixtures'),
      env: { OTEL_LOGS_EXPORTER: 'none' },
    });
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.loadedAtStart).toEqual([]);
    expect(result.loadedAfterRequire).toEqual(['instrumentation-auth']);
    expect(result.enabled).toEqual({ records: ['security.authn_token_invalid'], wrapped: true });
    // jsonwebtoken's index keeps the wrapper it was handed: it stays, passing calls straight through.
    expect(result.disabled.records).toEqual([]);
    expect(result.enabledAgain.records).toEqual(['security.authn_token_invalid']);
  });

  it('are hooked by the module definitions of the classes (run scripts/generate-instrumentation-outlines.mjs)', () => {
    const outlines = Object.fromEntries(
      Object.entries(INSTRUMENTATIONS).map(([name, create]) => [name, outlineOf(create(OPTIONS))]),
    );
    expect(readFileSync(resolve(__dirname, '../../..', OUTPUT_PATH), 'utf8')).toBe(renderOutlines(outlines));
  });

  it('give register the definitions of the classes, and create at once one with nothing to wait for', () => {
    const deferred = createInstrumentations(undefined, [], OPTIONS);
    expect(deferred.map(({ name }) => name)).toEqual(Object.keys(INSTRUMENTATIONS));
    for (const { name, instrumentation } of deferred)
      expect(outlineOf(instrumentation), name).toEqual(outlineOf(INSTRUMENTATIONS[name]?.(OPTIONS) as never));
    // http works from diagnostics channels: no module to wait for, so the real class.
    const http = deferred.find(({ name }) => name === 'http')?.instrumentation;
    expect(http?.constructor.name).toBe('HttpServerInstrumentation');
    expect(deferred.find(({ name }) => name === 'jose')?.instrumentation.constructor.name).toBe(
      'DeferredInstrumentation',
    );
  });

  it('leave the library as it is when the class cannot be created: no throw into its require', () => {
    const jose = deferredInstrumentation(OUTLINES.jose, () => {
      throw new Error('the package is broken');
    });
    const moduleExports = { jwtVerify: async () => ({}) };
    const [definition] = jose.getModuleDefinitions();
    expect(definition?.patch?.(moduleExports, '6.0.0')).toBe(moduleExports);
    expect(definition?.files[0]?.patch(moduleExports, '6.0.0')).toBe(moduleExports);
    expect(definition?.files.length).toBeGreaterThan(0);
  });
});
