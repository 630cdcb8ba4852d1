import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULTS, readConfig } from '../src';

describe('readConfig', () => {
  it('has documented defaults for an empty environment', () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      disabled: false,
      production: false,
      exporters: ['otlp'],
      otlp: { url: 'http://localhost:4318/v1/logs', headers: {}, protocol: 'http/protobuf' },
      userTracking: 'identification',
      hashKey: undefined,
      trustProxy: { kind: 'none' },
      sensitiveTables: [],
      instrumentations: { enabled: undefined, disabled: [] },
      rateCap: { perSecond: DEFAULTS.rateCapPerSecond, burst: DEFAULTS.rateCapBurst },
      batch: { maxQueueSize: DEFAULTS.maxQueueSize, maxExportBatchSize: DEFAULTS.maxExportBatchSize },
      exitTimeoutMillis: DEFAULTS.exitTimeoutMillis,
    });
  });

  it('reads the heartbeat interval, 0 for none, and names SECOTEL_HEARTBEAT_INTERVAL when it is malformed', () => {
    expect(readConfig({}).heartbeatSeconds).toBe(60);
    expect(readConfig({ SECOTEL_HEARTBEAT_INTERVAL: '0' }).heartbeatSeconds).toBe(0);
    expect(readConfig({ SECOTEL_HEARTBEAT_INTERVAL: '15' }).heartbeatSeconds).toBe(15);
    for (const wrong of ['-1', '1m', '86401', '0.5']) {
      expect(() => readConfig({ SECOTEL_HEARTBEAT_INTERVAL: wrong })).toThrow(
        new RegExp(`SECOTEL_HEARTBEAT_INTERVAL="${wrong.replace('.', '\\.')}".*whole number from 0 to 86400`),
      );
    }
  });

  it('reads the exit deadline and names SECOTEL_EXIT_TIMEOUT when it is malformed', () => {
    expect(readConfig({ SECOTEL_EXIT_TIMEOUT: '250' }).exitTimeoutMillis).toBe(250);
    expect(() => readConfig({ SECOTEL_EXIT_TIMEOUT: '0' })).toThrow(/SECOTEL_EXIT_TIMEOUT="0"/);
    expect(() => readConfig({ SECOTEL_EXIT_TIMEOUT: 'soon' })).toThrow(/SECOTEL_EXIT_TIMEOUT="soon"/);
  });

  it('reads standard OpenTelemetry variables with their standard meaning', () => {
    const config = readConfig({
      OTEL_SDK_DISABLED: 'TRUE',
      OTEL_LOGS_EXPORTER: 'console, otlp,console',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BLRP_MAX_QUEUE_SIZE: '100',
      OTEL_BLRP_MAX_EXPORT_BATCH_SIZE: '10',
      NODE_ENV: 'production',
    });
    expect(config.disabled).toBe(true);
    expect(config.exporters).toEqual(['console', 'otlp']);
    expect(config.otlp.protocol).toBe('http/json');
    expect(config.batch).toMatchObject({ maxQueueSize: 100, maxExportBatchSize: 10 });
    expect(config.production).toBe(true);
  });

  it('lets the logs-specific protocol win over the general one', () => {
    const config = readConfig({
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_LOGS_PROTOCOL: 'http/protobuf',
    });
    expect(config.otlp.protocol).toBe('http/protobuf');
  });

  it('reads the OTLP timeout, compression and TLS files, the logs-specific variable first', () => {
    const pem = resolve(__dirname, 'fixtures', 'not-really.pem');
    const config = readConfig({
      OTEL_EXPORTER_OTLP_TIMEOUT: '2000',
      OTEL_EXPORTER_OTLP_LOGS_TIMEOUT: '500',
      OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip',
      OTEL_EXPORTER_OTLP_LOGS_CERTIFICATE: pem,
    });
    expect(config.otlp).toMatchObject({ timeoutMillis: 500, compression: 'gzip' });
    expect(config.otlp.tls.ca?.toString()).toContain('BEGIN CERTIFICATE');
    expect(readConfig({}).otlp).toMatchObject({ timeoutMillis: 10_000, compression: 'none', tls: {} });
    expect(() => readConfig({ OTEL_EXPORTER_OTLP_COMPRESSION: 'zstd' })).toThrow(
      /OTEL_EXPORTER_OTLP_COMPRESSION="zstd": expected one of gzip, none/,
    );
    expect(() => readConfig({ OTEL_EXPORTER_OTLP_CLIENT_KEY: '/nonexistent/key.pem' })).toThrow(
      /OTEL_EXPORTER_OTLP_CLIENT_KEY="\/nonexistent\/key.pem": cannot read the file \(ENOENT\)/,
    );
  });

  it('resolves the OTLP logs URL and headers as the specification says', () => {
    expect(readConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).otlp.url).toBe(
      'http://collector:4318/v1/logs',
    );
    const config = readConfig({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'https://logs.example:443/ingest',
      OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20abc,x-team=a',
      OTEL_EXPORTER_OTLP_LOGS_HEADERS: 'x-team=b',
    });
    expect(config.otlp.url).toBe('https://logs.example:443/ingest');
    expect(config.otlp.headers).toEqual({ authorization: 'Bearer abc', 'x-team': 'b' });
  });

  it('treats OTEL_LOGS_EXPORTER=none as no exporter', () => {
    expect(readConfig({ OTEL_LOGS_EXPORTER: 'none' }).exporters).toEqual([]);
  });

  it.each([
    ['false', { kind: 'none' }],
    ['true', { kind: 'all' }],
    ['2', { kind: 'hops', hops: 2 }],
    [
      'loopback, 10.0.0.0/8, ::1, fd00::/8',
      { kind: 'addresses', addresses: ['loopback', '10.0.0.0/8', '::1', 'fd00::/8'] },
    ],
  ])('reads SECOTEL_TRUST_PROXY=%s', (value, expected) => {
    expect(readConfig({ SECOTEL_TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it('accepts redaction patterns as a list or, when they contain commas, as a JSON array', () => {
    expect(
      readConfig({ SECOTEL_REDACT_VALUES: 'ACME-\\d+, INT-[a-f]+' }).redaction.extraValuePatterns,
    ).toEqual(['ACME-\\d+', 'INT-[a-f]+']);
    expect(readConfig({ SECOTEL_REDACT_VALUES: '["ACME-[0-9]{4,8}"]' }).redaction.extraValuePatterns).toEqual(
      ['ACME-[0-9]{4,8}'],
    );
  });

  it.each([
    [
      'OTEL_EXPORTER_OTLP_HEADERS',
      'x-tenant=shop%0D%0AX-Injected: 1',
      /the value of "x-tenant" contains a line break/,
    ],
    ['OTEL_EXPORTER_OTLP_HEADERS', 'x-tenant=a\r\nb', /contains a line break/],
    ['OTEL_EXPORTER_OTLP_LOGS_HEADERS', 'x tenant=shop', /"x tenant" is not a valid header name/],
    [
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      'http://collector:4318?token=a#frag',
      /must not have a query .* or fragment/,
    ],
    ['OTEL_EXPORTER_OTLP_LOGS_ENDPOINT', 'http://collector:4318/v1/logs#frag', /must not have a fragment/],
  ])('rejects %s=%j at start-up instead of failing every export', (name, value, problem) => {
    expect(() => readConfig({ [name]: value })).toThrow(problem);
  });

  it('keeps a query on the full logs URL', () => {
    const url = 'https://logs.example/v1/logs?tenant=shop';
    expect(readConfig({ OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: url }).otlp.url).toBe(url);
  });

  it('fits the default batch size to a smaller queue', () => {
    expect(readConfig({ OTEL_BLRP_MAX_QUEUE_SIZE: '100' }).batch).toMatchObject({
      maxQueueSize: 100,
      maxExportBatchSize: 100,
    });
  });

  it('reads a comma-separated list whose first pattern starts with a character class', () => {
    expect(
      readConfig({ SECOTEL_REDACT_VALUES: '[A-Z]{3}-[0-9]{6},INT-[a-f]+' }).redaction.extraValuePatterns,
    ).toEqual(['[A-Z]{3}-[0-9]{6}', 'INT-[a-f]+']);
  });

  it('rejects, at start-up and by name, a pattern the linear-time engine cannot run', () => {
    expect(() => readConfig({ SECOTEL_REDACT_VALUES: '["(?<=id=)[0-9]+"]' })).toThrow(
      /SECOTEL_REDACT_VALUES=.*uses a lookbehind.*Example: SECOTEL_REDACT_VALUES=/,
    );
  });

  it('accepts a hash key with anonymization and pseudonymisation', () => {
    const config = readConfig({
      SECOTEL_USER_TRACKING: 'anonymization',
      SECOTEL_HASH_KEY: '0123456789abcdef0123',
      SECOTEL_PSEUDONYMIZE: 'email,ip',
    });
    expect(config.userTracking).toBe('anonymization');
    expect(config.redaction.pseudonymize).toEqual(['email', 'ip']);
  });

  it('validates instrumentation names against the installed ones', () => {
    const known = ['http', 'express'];
    const config = readConfig(
      { SECOTEL_INSTRUMENTATIONS: 'http,express', SECOTEL_DISABLED_INSTRUMENTATIONS: 'express' },
      { knownInstrumentations: known },
    );
    expect(config.instrumentations).toEqual({ enabled: ['http', 'express'], disabled: ['express'] });
    expect(() =>
      readConfig({ SECOTEL_INSTRUMENTATIONS: 'http,pg' }, { knownInstrumentations: known }),
    ).toThrow(/SECOTEL_INSTRUMENTATIONS="http,pg": unknown instrumentation "pg"; valid names: http, express/);
  });

  it('reports every problem in one ConfigError', () => {
    try {
      readConfig({
        OTEL_LOG_LEVEL: 'loud',
        SECOTEL_RATE_CAP: '-1',
        OTEL_BLRP_MAX_QUEUE_SIZE: '10',
        OTEL_BLRP_MAX_EXPORT_BATCH_SIZE: '20',
      });
      expect.unreachable('readConfig accepted a malformed environment');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(3);
      expect(problems[0]).toMatch(
        /^OTEL_LOG_LEVEL="loud": expected one of .*\. Example: OTEL_LOG_LEVEL=none$/,
      );
      expect(problems.join('\n')).toContain('must not exceed OTEL_BLRP_MAX_QUEUE_SIZE (10)');
    }
  });
});
