// secotel's instrumentations as classes an application creates itself: disable() really unpatches (the
// library answers and emits exactly as without secotel), options pass through constructors, and the ESM
// intercept list comes from the module definitions.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { Mysql2Instrumentation, PgInstrumentation } from '@secotel/instrumentation-db';
import { KoaInstrumentation } from '@secotel/instrumentation-http';
import { importSpecifiers } from '@secotel/sdk/instrumentation';
import { describe, expect, it } from 'vitest';
import { runNode } from '../../../test-support/run-node';
import { createInstrumentations } from '../src/instrumentations';

const require = createRequire(import.meta.url);

interface Phase {
  replies: unknown[];
  records: string[];
}
interface DisableRun {
  enabled: Phase;
  disabled: Phase;
  wrappedWhileEnabled: string[];
  wrappedAfterDisable: string[];
  ownEmitsBefore: string[];
  ownEmitsAfterDisable: string[];
}

describe('instrumentation classes', () => {
  it('unpatch on disable(): the same replies, no records, no wrapper left but pass-throughs', async () => {
    const run = await runNode(['disable-app.cjs'], {
      cwd: resolve(__dirname, 'fixtures'),
      env: { OTEL_LOGS_EXPORTER: 'none' },
    });
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as DisableRun;
    // Enabled, each layer reported: the refusal (http, express), the sensitive table reads (both SQLite
    // bindings), the malformed token fast-jwt refused and the revoked one express-jwt refused (each a 401).
    expect(result.enabled.records).toEqual([
      'security.authz_fail',
      'security.sensitive_read',
      'security.sensitive_read',
      'security.authn_token_invalid',
      'security.request_unauthorized',
      'security.authn_token_reuse',
      'security.request_unauthorized',
    ]);
    // The express-jwt middleware and fast-jwt verifier the app made while enabled report nothing either.
    expect(result.disabled.records).toEqual([]);
    expect(result.disabled.replies).toEqual(result.enabled.replies);
    // Two copies of the MongoDB driver were patched, the app's and the one mongoose bundles; none is left below.
    const mongodbCommand = 'mongodb/lib/cmap/connection.js.Connection.prototype.command';
    expect(result.wrappedWhileEnabled.filter((path) => path === mongodbCommand)).toHaveLength(2);
    // What secotel cannot take back passes calls straight through instead: the functions jsonwebtoken's index.js
    // kept from its files, and the plugin require('@fastify/jwt') returned.
    expect(result.wrappedAfterDisable.sort()).toEqual([
      'jsonwebtoken/index.js.sign',
      'jsonwebtoken/index.js.verify',
      'require(@fastify/jwt)',
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
    const specifiers = importSpecifiers(all);
    // Only what ships ES modules (koa's wrapper, jose, openid-client, better-auth, the node:sqlite builtin) and
    // CommonJS packages patched in their main module, which `import` loads without require hooks; files a
    // CommonJS package requires itself are seen by require hooks.
    expect(specifiers.filter((specifier) => typeof specifier === 'string').sort()).toEqual([
      '@fastify/jwt',
      'better-auth',
      'better-auth/minimal',
      'express-jwt',
      'fast-jwt',
      'jose',
      'jose/jwt/sign',
      'jose/jwt/verify',
      'koa',
      'node:sqlite',
      'openid-client',
    ]);
    // NestJS 12 imports its guards consumer by relative path: one pattern, which matches that file's URL only.
    const patterns = specifiers.filter((specifier) => specifier instanceof RegExp);
    const guardsConsumer = pathToFileURL(require.resolve('@nestjs/core/guards/guards-consumer.js')).href;
    const guardsModule = pathToFileURL(require.resolve('@nestjs/core/guards/index.js')).href;
    expect(patterns.map((pattern) => [pattern.test(guardsConsumer), pattern.test(guardsModule)])).toEqual([
      [true, false],
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
