import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtlpSink } from '../../../test-support/otlp-sink';
import { runNode } from '../../../test-support/run-node';

const fixtures = resolve(__dirname, 'fixtures');

/** Every variable of the configuration contract with a malformed value, and what the message must say. */
const malformed: Array<[variable: string, value: string, says: string]> = [
  ['OTEL_SDK_DISABLED', 'yes', 'expected true or false'],
  ['OTEL_LOG_LEVEL', 'loud', 'expected one of none, error, warn'],
  ['OTEL_LOGS_EXPORTER', 'zipkin', 'unknown "zipkin"'],
  ['OTEL_LOGS_EXPORTER', 'none,otlp', '"none" cannot be combined'],
  ['OTEL_EXPORTER_OTLP_ENDPOINT', 'collector:4318', 'expected an absolute http:// or https:// URL'],
  [
    'OTEL_EXPORTER_OTLP_LOGS_ENDPOINT',
    'ftp://collector/v1/logs',
    'expected an absolute http:// or https:// URL',
  ],
  ['OTEL_EXPORTER_OTLP_HEADERS', 'authorization', 'is not key=value'],
  ['OTEL_EXPORTER_OTLP_LOGS_PROTOCOL', 'grpc', 'grpc is not supported'],
  ['OTEL_EXPORTER_OTLP_LOGS_PROTOCOL', 'http/xml', 'expected http/protobuf or http/json'],
  ['OTEL_RESOURCE_ATTRIBUTES', 'team=%zz', 'not valid percent-encoding'],
  ['OTEL_BLRP_MAX_QUEUE_SIZE', 'many', 'expected a whole number'],
  ['OTEL_BLRP_MAX_EXPORT_BATCH_SIZE', '0', 'expected a whole number from 1'],
  ['OTEL_BLRP_SCHEDULE_DELAY', '-5', 'expected a whole number from 0'],
  ['OTEL_BLRP_EXPORT_TIMEOUT', '1.5', 'expected a whole number'],
  ['SECOTEL_USER_TRACKING', 'full', 'expected one of identification, anonymization, disabled'],
  ['SECOTEL_HASH_KEY', 'short', 'too short'],
  ['SECOTEL_REDACT_VALUES', '[unclosed', 'is not a valid regular expression'],
  ['SECOTEL_REDACT_VALUES', '["(a)\\\\1"]', 'uses a backreference'],
  ['OTEL_EXPORTER_OTLP_HEADERS', 'x tenant=shop', 'is not a valid header name'],
  ['OTEL_EXPORTER_OTLP_ENDPOINT', 'http://collector:4318?x=1', 'must not have a query'],
  ['SECOTEL_REDACT_VALUES', '(unclosed', 'is not a valid regular expression'],
  ['SECOTEL_PSEUDONYMIZE', 'phone', 'unknown "phone"'],
  ['SECOTEL_TRUST_PROXY', '10.0.0.0/99', 'is not an IP address, a CIDR range'],
  ['SECOTEL_SENSITIVE_TABLES', 'users;drop', 'is not a table name'],
  ['SECOTEL_INSTRUMENTATIONS', 'telepathy', 'unknown instrumentation "telepathy"'],
  ['SECOTEL_DISABLED_INSTRUMENTATIONS', 'telepathy', 'unknown instrumentation "telepathy"'],
  ['SECOTEL_RATE_CAP', 'fast', 'expected a whole number'],
  ['SECOTEL_RATE_CAP_BURST', '0', 'expected a whole number from 1'],
  ['SECOTEL_MAX_VALUE_LENGTH', '10', 'expected a whole number from 64'],
];

describe('a malformed configuration', () => {
  let sink: OtlpSink;
  beforeAll(async () => {
    sink = await OtlpSink.start();
  });
  afterAll(() => sink.stop());

  it.each(malformed)('%s=%j stops start-up with a message naming it', async (variable, value, says) => {
    const run = await runNode(['--import', '@secotel/node/register', 'esm-app.mjs'], {
      cwd: fixtures,
      env: { OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: sink.logsEndpoint, [variable]: value },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${variable}=${JSON.stringify(value)}`);
    expect(run.stderr).toContain(says);
    expect(run.stderr).toMatch(new RegExp(`Example: ${variable}=\\S`));
  });

  it('lists every malformed variable at once', async () => {
    const run = await runNode(['--import', '@secotel/node/register', 'esm-app.mjs'], {
      cwd: fixtures,
      env: { SECOTEL_USER_TRACKING: 'full', OTEL_BLRP_MAX_QUEUE_SIZE: 'many' },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('SECOTEL_USER_TRACKING');
    expect(run.stderr).toContain('OTEL_BLRP_MAX_QUEUE_SIZE');
  });

  it('requires a hash key for anonymization, since an unkeyed hash of an email is reversible', async () => {
    const run = await runNode(['--import', '@secotel/node/register', 'esm-app.mjs'], {
      cwd: fixtures,
      env: { SECOTEL_USER_TRACKING: 'anonymization' },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('SECOTEL_HASH_KEY');
    expect(run.stderr).toContain('required when SECOTEL_USER_TRACKING=anonymization');
  });

  it('sent nothing for any of them', () => {
    expect(sink.requests).toBe(0);
  });
});
