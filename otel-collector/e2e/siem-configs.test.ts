import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCollector } from '../../test-support/collector-build.mjs';
import { COLLECTOR_DIR } from './support/processes';

// Every shipped SIEM config (config/siem/*.yaml, an overlay on config/local.yaml) passes
// `otelcol-secotel validate` with its variables set, and a copy with one deliberate mistake is rejected
// with an error that names the mistake.
const run = promisify(execFile);
const MINUTES = 60_000;

/** Dummy values for every variable the configs read: the configs must not need real secrets to validate. */
const ENV = {
  SECOTEL_ELASTIC_URL: 'https://elastic.example.com:9200',
  SECOTEL_ELASTIC_API_KEY: 'aWQ6a2V5',
  SECOTEL_SPLUNK_HEC_URL: 'https://splunk.example.com:8088',
  SECOTEL_SPLUNK_HEC_TOKEN: '00000000-0000-0000-0000-000000000001',
  SECOTEL_SYSLOG_ENDPOINT: 'qradar.example.com:6514',
  SECOTEL_GCP_PROJECT: 'secotel-test',
  SECOTEL_AWS_REGION: 'eu-west-1',
  SECOTEL_AWS_LOG_GROUP: '/secotel/security',
  SECOTEL_AZURE_CONNECTION_STRING:
    'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/',
};

/** A config's reference to an environment variable. */
const envRef = (name: string) => `\${env:${name}}`;

/** Per config: one edit that breaks it, and what the error must say. */
const BREAKS: Record<string, { from: string; to: string; error: RegExp }> = {
  'elastic.yaml': {
    from: `endpoint: ${envRef('SECOTEL_ELASTIC_URL')}`,
    to: 'endpoint: http://elastic.example.com:9200',
    error:
      /elasticsearch\.endpoint: "http:\/\/elastic\.example\.com:9200" would send the records and credentials unencrypted/,
  },
  'splunk.yaml': {
    from: `token: ${envRef('SECOTEL_SPLUNK_HEC_TOKEN')}`,
    to: 'token: ""',
    error: /splunk_hec\.token: must be set/,
  },
  'qradar-cef.yaml': {
    from: 'format: cef',
    to: 'format: cef1',
    error: /syslog\.format: "cef1" is not a format/,
  },
  'leef.yaml': {
    from: `endpoint: ${envRef('SECOTEL_SYSLOG_ENDPOINT')}`,
    to: 'endpoint: qradar.example.com',
    error: /syslog\.endpoint: "qradar\.example\.com" is not host:port/,
  },
  'google.yaml': {
    from: 'default_log_name: secotel-security',
    to: 'default_log: secotel-security',
    error: /'log' has invalid keys: default_log/,
  },
  'aws.yaml': {
    from: `region: ${envRef('SECOTEL_AWS_REGION')}`,
    to: 'region: Ireland',
    error: /awssigv4\/cloudwatch: region: "Ireland" is not an AWS region/,
  },
  // The azuremonitor exporter accepts unknown keys (its squashed HTTP client settings take them), so the
  // mistake is a value.
  'azure.yaml': {
    from: 'queue_size: 10000',
    to: 'queue_size: 0',
    error: /azuremonitor\/siem::sending_queue: `queue_size` must be positive/,
  },
};

const CONFIGS = Object.keys(BREAKS);
const config = (path: string) => resolve(COLLECTOR_DIR, path);

async function validate(binary: string, siemConfig: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(
      binary,
      ['validate', '--config', config('config/local.yaml'), '--config', siemConfig],
      { env: { ...process.env, ...ENV } },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe('config/siem', () => {
  let binary: string;
  let dir: string;
  beforeAll(async () => {
    binary = await buildCollector();
    dir = mkdtempSync(join(tmpdir(), 'secotel-siem-configs-'));
  }, 10 * MINUTES);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(CONFIGS)('%s passes otelcol-secotel validate', async (name) => {
    const { code, output } = await validate(binary, config(`config/siem/${name}`));
    expect(output).toBe('');
    expect(code).toBe(0);
  });

  it.each(CONFIGS)('%s with a mistake is rejected, the mistake named', async (name) => {
    const { from, to, error } = BREAKS[name];
    const original = readFileSync(config(`config/siem/${name}`), 'utf8');
    expect(original).toContain(from);
    const broken = join(dir, name);
    writeFileSync(broken, original.replace(from, to));
    const { code, output } = await validate(binary, broken);
    expect(code).not.toBe(0);
    expect(output).toMatch(error);
  });

  it('keeps TLS on: no shipped config turns it off', () => {
    for (const name of CONFIGS) {
      const text = readFileSync(config(`config/siem/${name}`), 'utf8');
      expect(text, name).not.toMatch(/insecure|http:\/\//);
    }
  });
});
