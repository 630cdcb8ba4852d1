import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtlpSink } from '../../../test-support/otlp-sink';
import { NODE_BINARY } from '../../../test-support/paths';

const TOKEN = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Start-up loads only what the process uses: no logs SDK, resources, core or metrics SDK at start-up, and on
 * the first export secotel's own OTLP/protobuf encoder, no OpenTelemetry encoder package. The redaction engine
 * loads when the first record that needs redacting is redacted (sys_startup is not redacted).
 */
const PROBE = `
const packagesLoaded = () => [...new Set(Object.keys(require.cache)
  .map((file) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(file)?.[1]).filter(Boolean))].sort();
const redactionLoaded = () => Object.keys(require.cache).some((file) => /redaction.rules.generated.js$/.test(file));
const atStart = packagesLoaded();
const redactionAtStart = redactionLoaded();
const sdk = require('@secotel/sdk').startSecotel();
require('@secotel/node').security.authzFail({ 'security.resource': '/admin', 'http.request.header.authorization': 'Bearer ${TOKEN}' });
sdk.forceFlush().then(() => process.stdout.write(JSON.stringify({ atStart, afterExport: packagesLoaded(), redactionAtStart, redactionAfterExport: redactionLoaded() })));
`;

let sink: OtlpSink;
let loaded: {
  atStart: string[];
  afterExport: string[];
  redactionAtStart: boolean;
  redactionAfterExport: boolean;
};
beforeAll(async () => {
  sink = await OtlpSink.start();
  const child = spawn(NODE_BINARY, ['--require', '@secotel/node/register', '-e', PROBE], {
    cwd: resolve(__dirname, 'fixtures'),
    env: { PATH: process.env.PATH, OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: sink.logsEndpoint },
  });
  let stdout = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  await once(child, 'close');
  loaded = JSON.parse(stdout);
});
afterAll(() => sink.stop());

describe('modules loaded by secotel', () => {
  it('at start-up: neither the logs SDK, resources, core nor any exporter or encoder', () => {
    for (const name of [
      '@opentelemetry/sdk-logs',
      '@opentelemetry/resources',
      '@opentelemetry/core',
      '@opentelemetry/otlp-transformer',
      '@opentelemetry/sdk-metrics',
      're2js',
    ]) {
      expect(loaded.atStart, name).not.toContain(name);
    }
  });

  it("on the first export: secotel's own encoder, still no metrics SDK, and the record arrives", async () => {
    expect(loaded.afterExport).not.toContain('@opentelemetry/otlp-transformer');
    expect(loaded.afterExport).not.toContain('@opentelemetry/sdk-metrics');
    expect(loaded.afterExport).not.toContain('@opentelemetry/sdk-logs');
    const [record] = await sink.waitForRecords(1);
    expect(record?.eventName).toBe('security.authz_fail');
  });

  it('the redaction engine: not at start-up, then for the first record, which it redacts', async () => {
    expect(loaded.redactionAtStart).toBe(false);
    expect(loaded.redactionAfterExport).toBe(true);
    const [record] = await sink.waitForRecords(1);
    expect(record?.attributes['security.resource']).toBe('/admin');
    expect(JSON.stringify(record)).not.toContain(TOKEN);
  });
});
