// secotel's instrumentations as classes an application creates itself: disable() really unpatches (the
// library answers and emits exactly as without secotel), options pass through constructors, and the ESM
// intercept list comes from the module definitions.
import { resolve } from 'node:path';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { Mysql2Instrumentation, PgInstrumentation } from '@secotel/instrumentation-db';
import { KoaInstrumentation } from '@secotel/instrumentation-http';
import { importSpecifiers } from '@secotel/sdk/instrumentation';
import { describe, expect, it } from 'vitest';
import { runNode } from '../../../test-support/run-node';
import { createInstrumentations } from '../src/instrumentations';

interface Phase {
  replies: unknown[];
  records: string[];
}
interface DisableRun {
  enabled: Phase;
  disabled: Phase;
  wrappedAfterDisable: string[];
  ownEmitsBefore: string[];
  ownEmitsAfterDisable: string[];
}

describe('instrumentation classes', () => {
  it('unpatch on disable(): the same replies, no records, no wrapper left but jsonwebtoken pass-throughs', async () => {
    const run = await runNode(['disable-app.cjs'], {
      cwd: resolve(__dirname, 'fixtures'),
      env: { OTEL_LOGS_EXPORTER: 'none' },
    });
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as DisableRun;
    // Enabled, each layer reported: the refusal (http, express) and the sensitive table reads (both SQLite bindings).
    expect(result.enabled.records).toEqual([
      'security.authz_fail',
      'security.sensitive_read',
      'security.sensitive_read',
    ]);
    expect(result.disabled.records).toEqual([]);
    expect(result.disabled.replies).toEqual(result.enabled.replies);
    // jsonwebtoken's index.js keeps the functions its files exported: those pass calls straight through instead.
    expect(result.wrappedAfterDisable.sort()).toEqual([
      'jsonwebtoken/index.js.sign',
      'jsonwebtoken/index.js.verify',
    ]);
    // The emit wrappers of node:http's classes are gone, not merely idle.
    expect(result.ownEmitsAfterDisable).toEqual(result.ownEmitsBefore);
  });

  it('take trustProxy from their config, and a new one from setConfig()', async () => {
    const run = await runNode(['trust-proxy-app.cjs'], {
      cwd: resolve(__dirname, 'fixtures'),
      env: { OTEL_LOGS_EXPORTER: 'none' },
    });
    expect(run.code, run.stderr).toBe(0);
    // Untrusted, the forged-looking header is ignored; trusted, the loopback proxy's X-Forwarded-For names the client.
    expect(JSON.parse(run.stdout)).toEqual(['127.0.0.1', '203.0.113.9']);
  });

  it('reject a malformed sensitiveTables option, naming it', () => {
    expect(() => new PgInstrumentation({ sensitiveTables: 'users' as never })).toThrow(
      /sensitiveTables must be an array of table names such as \['users', 'billing.cards'\], got "users"/,
    );
    const instrumentation = new Mysql2Instrumentation({ enabled: false });
    expect(() => instrumentation.setConfig({ sensitiveTables: [''] })).toThrow(/sensitiveTables/);
  });

  it('derive the ESM intercept list from their module definitions', () => {
    // Every instrumentation @secotel/node/register starts.
    const all = createInstrumentations(undefined, [], {
      trustProxy: { kind: 'none' },
      sensitiveTables: [],
    }).map(({ instrumentation }) => instrumentation);
    // Only what ships ES modules (koa's wrapper, jose, the node:sqlite builtin); CommonJS files are required.
    expect(importSpecifiers(all).sort()).toEqual([
      'jose',
      'jose/jwt/sign',
      'jose/jwt/verify',
      'koa',
      'node:sqlite',
    ]);
    expect(importSpecifiers([new PgInstrumentation({ enabled: false })])).toEqual([]);
    // Each declares the versions it supports.
    for (const instrumentation of all)
      for (const definition of instrumentation.getModuleDefinitions())
        expect(definition.supportedVersions.length, definition.name).toBeGreaterThan(0);
  });

  it('are enabled and disabled by registerInstrumentations', () => {
    const koa = new KoaInstrumentation({ enabled: false });
    const unregister = registerInstrumentations({ instrumentations: [koa] });
    expect(koa.isEnabled()).toBe(true);
    unregister();
    expect(koa.isEnabled()).toBe(false);
  });
});
