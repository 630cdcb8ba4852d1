import { describe, expect, it } from 'vitest';
import { Redactor } from '../src/redaction';
import { runChild } from './support/child-sdk';

/** Emits one authz_fail with the given resource through a real SDK and prints the exported resources. */
const EMIT_RESOURCE = `
const { InMemoryLogRecordExporter } = require('@opentelemetry/sdk-logs');
const { security, startSecotel } = require('@secotel/sdk');
const exporter = new InMemoryLogRecordExporter();
const sdk = startSecotel({ env: { OTEL_LOGS_EXPORTER: 'none', SECOTEL_REDACT_VALUES: process.env.PATTERNS }, exporters: [exporter] });
security.authzFail({ 'security.resource': process.env.RESOURCE });
sdk.forceFlush().then(() => {
  process.stdout.write(JSON.stringify(exporter.getFinishedLogRecords().map((r) => r.attributes['security.resource'])));
  return sdk.shutdown();
});
`;

describe('SECOTEL_REDACT_VALUES never hangs the application', () => {
  it('does not re-scan its own marker: [A-Z]{8} masks ACCOUNTS once', () => {
    const result = runChild(EMIT_RESOURCE, { env: { PATTERNS: '["[A-Z]{8}"]', RESOURCE: 'ACCOUNTS' } });
    expect(result.signal).toBeNull();
    expect(JSON.parse(result.stdout)).toEqual(['[REDACTED:custom]']);
  });

  it('runs a catastrophic-backtracking pattern in linear time: (a+)+$ on 38 a', () => {
    const result = runChild(EMIT_RESOURCE, {
      env: { PATTERNS: '["(a+)+$"]', RESOURCE: `${'a'.repeat(38)}!` },
    });
    expect(result.signal).toBeNull();
    expect(JSON.parse(result.stdout)).toEqual([`${'a'.repeat(38)}!`]);
  });

  it('bounds the passes over one value: a pattern that feeds itself piece by piece ends masked whole', () => {
    const redactor = new Redactor({ extraValuePatterns: ['x$'] });
    expect(redactor.redactString('x'.repeat(2_000))).toBe('[REDACTED:pass_limit]');
    expect(redactor.stats.pass_limit).toBe(1);
  });

  it('names the variable when a pattern RE2 cannot run is configured', () => {
    const result = runChild(EMIT_RESOURCE, { env: { PATTERNS: '["(a)\\\\1"]', RESOURCE: 'x' } });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/SECOTEL_REDACT_VALUES=.*uses a backreference/);
  });
});
