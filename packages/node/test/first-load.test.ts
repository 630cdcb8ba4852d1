// register loads OpenTelemetry's instrumentation package and its require hooks only when the application first
// loads a library an enabled instrumentation patches, and that very first load comes out patched, however it is
// made: require, createRequire, a copy nested in another package, import of CommonJS and of an ES module, and for
// the http instrumentation node:http by require, process.getBuiltinModule() or import. Each app says whether the
// package was loaded before and whether the library was patched; the same app without register is the control.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNode } from '../../../test-support/run-node';
import { libraryOf } from '../src/first-load';

const fixtures = resolve(__dirname, 'fixtures');
const FLAGS = ['--require', '--import'] as const;

async function report(
  args: string[],
  env: Record<string, string> = { OTEL_LOGS_EXPORTER: 'none' },
): Promise<Record<string, unknown>> {
  const run = await runNode(args, { cwd: fixtures, env });
  expect(run.code, run.stderr).toBe(0);
  if (env.OTEL_LOGS_EXPORTER === 'none') expect(run.stderr).toBe('');
  return JSON.parse(run.stdout);
}

describe('the first load of a patched library', () => {
  describe.each(['require', 'createRequire', 'nested'])('by %s', (how) => {
    it.each(FLAGS)(
      'is patched, the instrumentation package loaded only then (register by %s)',
      async (flag) => {
        expect(await report([flag, '@secotel/node/register', 'first-load-app.cjs', how])).toEqual({
          before: false,
          patched: true,
          after: true,
        });
      },
    );

    it('is not patched without register (the control)', async () => {
      expect(await report(['first-load-app.cjs', how])).toMatchObject({ patched: false });
    });
  });

  it.each(['jsonwebtoken', 'jose'])('by import of %s (CommonJS, ES module) is patched', async (library) => {
    expect(await report(['--import', '@secotel/node/register', 'first-load-app.mjs', library])).toEqual({
      before: false,
      patched: true,
      after: true,
    });
    expect(await report(['first-load-app.mjs', library])).toMatchObject({ patched: false });
  });

  it('of a library loaded before register: the instrumentations start at once, as they always did', async () => {
    // require hooks see only what is loaded after them: jsonwebtoken's files were loaded already, so it stays as
    // it is, with or without the deferral; what changes is that nothing waits for a load that happened already.
    const args = ['--require', 'jsonwebtoken', '--require', '@secotel/node/register', 'first-load-app.cjs'];
    expect(await report([...args, 'require'])).toEqual({ before: true, patched: false, after: true });
  });

  describe.each(['require', 'getBuiltinModule', 'import'])('of node:http by %s', (how) => {
    it.each(FLAGS)('serves its first request with the security context (register by %s)', async (flag) => {
      expect(await report([flag, '@secotel/node/register', 'first-load-http.cjs', how])).toEqual({
        before: false,
        address: '127.0.0.1',
      });
    });

    it("counts only the application's load, not secotel's exporter's (which serves nothing)", async () => {
      // Where nothing listens: the export fails, but node:http was loaded for it.
      const env = { OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'http://127.0.0.1:9/v1/logs', OTEL_LOG_LEVEL: 'none' };
      const args = ['--require', '@secotel/node/register', 'first-load-http.cjs', how, 'after-export'];
      expect(await report(args, env)).toEqual({ before: false, address: '127.0.0.1' });
    });

    it('has no security context without register (the control)', async () => {
      expect(await report(['first-load-http.cjs', how])).toEqual({ before: false, address: null });
    });
  });
});

describe('libraryOf', () => {
  it.each([
    ['pg', 'pg'],
    ['pg/lib/client.js', 'pg'],
    ['@hapi/hapi', '@hapi/hapi'],
    ['@hapi/hapi/lib/server.js', '@hapi/hapi'],
    ['node:http', 'node:http'],
    ['http', 'http'],
    ['/app/node_modules/mongoose/node_modules/mongodb/lib/cmap/connection.js', 'mongodb'],
    ['/app/node_modules/a/node_modules/@scope/b/index.js', '@scope/b'],
    ['file:///app/node_modules/jose/dist/webapi/index.js', 'jose'],
    ['C:\\app\\node_modules\\@hapi\\hapi\\lib\\index.js', '@hapi/hapi'],
    ['./node_modules_like/pg.js', ''],
    ['./lib/pg.js', ''],
    ['/app/src/express.js', ''],
  ])('names %s as %s', (request, library) => {
    expect(libraryOf(request)).toBe(library);
  });
});
