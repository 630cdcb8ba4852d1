import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtlpSink, type ReceivedRecord } from '../../../test-support/otlp-sink';
import { runNode } from '../../../test-support/run-node';

const fixtures = resolve(__dirname, 'fixtures');
const secrets: Record<string, string> = createRequire(import.meta.url)('./fixtures/secrets.cjs');

const apps = [
  { kind: 'ESM', flag: '--import', script: 'esm-app.mjs', done: 'esm app done' },
  { kind: 'CommonJS', flag: '--require', script: 'cjs-app.cjs', done: 'cjs app done' },
] as const;
const protocols = ['http/json', 'http/protobuf'] as const;

function byEvent(records: ReceivedRecord[], eventName: string): ReceivedRecord {
  const record = records.find((r) => r.eventName === eventName);
  if (record === undefined)
    throw new Error(`no ${eventName} among ${records.map((r) => r.eventName).join(', ')}`);
  return record;
}

describe.each(apps)('a $kind app registered with $flag', (app) => {
  describe.each(protocols)('exporting OTLP %s', (protocol) => {
    let sink: OtlpSink;
    let records: ReceivedRecord[];
    let run: Awaited<ReturnType<typeof runNode>>;

    beforeAll(async () => {
      sink = await OtlpSink.start();
      run = await runNode([app.flag, '@secotel/node/register', app.script], {
        cwd: fixtures,
        env: {
          OTEL_SERVICE_NAME: 'fixture-shop',
          // One encoding pins the instance id, the other leaves it to the SDK: both ways are checked.
          OTEL_RESOURCE_ATTRIBUTES:
            protocol === 'http/json'
              ? 'deployment.environment.name=test,service.instance.id=replica-7'
              : 'deployment.environment.name=test',
          OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: sink.logsEndpoint,
          OTEL_EXPORTER_OTLP_LOGS_PROTOCOL: protocol,
        },
      });
      records = await sink.waitForRecords(4);
    });
    afterAll(() => sink.stop());

    it('runs the application as usual', () => {
      expect(run.code).toBe(0);
      expect(run.stdout.trim()).toBe(app.done);
    });

    it('delivers one record per security fact over the chosen encoding', () => {
      expect(records.map((r) => r.eventName).sort()).toEqual([
        'security.authn_login_fail',
        'security.authn_login_success',
        'security.authz_fail',
        'security.sensitive_read',
      ]);
      expect(new Set(records.map((r) => r.encoding))).toEqual(
        new Set([protocol === 'http/json' ? 'json' : 'protobuf']),
      );
    });

    it('names the service and the SDK in the resource', () => {
      for (const record of records) {
        expect(record.resource['service.name']).toBe('fixture-shop');
        expect(record.resource['deployment.environment.name']).toBe('test');
        expect(record.resource['telemetry.distro.name']).toBe('secotel');
        if (protocol === 'http/json') expect(record.resource['service.instance.id']).toBe('replica-7');
        else expect(record.resource['service.instance.id']).toMatch(/^[0-9a-f-]{36}$/);
      }
    });

    it('maps OWASP levels to severity', () => {
      expect(byEvent(records, 'security.authn_login_success')).toMatchObject({
        severityText: 'INFO',
        severityNumber: 9,
      });
      expect(byEvent(records, 'security.authn_login_fail')).toMatchObject({
        severityText: 'WARN',
        severityNumber: 13,
      });
      expect(byEvent(records, 'security.authz_fail')).toMatchObject({
        severityText: 'CRITICAL',
        severityNumber: 21,
      });
    });

    it('adds the request context and the event attributes', () => {
      const failure = byEvent(records, 'security.authn_login_fail');
      expect(failure.attributes).toMatchObject({
        'client.address': '203.0.113.9',
        'client.port': 51234,
        'http.request.method': 'POST',
        'http.route': '/login',
        'url.path': '/login',
        'user_agent.original': 'fixture-agent/1.0',
        'user.name': 'alice',
        'security.reason': 'bad_password',
        'security.outcome': 'failure',
        'security.user.exists': true,
        'security.category': 'authn',
      });
      expect(failure.attributes['session.id']).toMatch(/^[0-9a-f]{32}$/);
      expect(failure.body).toContain('alice');
      const success = byEvent(records, 'security.authn_login_success');
      expect(success.attributes).toMatchObject({
        'user.id': 'u-42',
        'user.roles': ['admin'],
        'security.outcome': 'success',
      });
    });

    it('correlates every record with the active span', () => {
      const traceIds = new Set(records.map((r) => r.traceId));
      expect(traceIds.size).toBe(1);
      expect([...traceIds][0]).toMatch(/^[0-9a-f]{32}$/);
      for (const record of records) expect(record.spanId).toMatch(/^[0-9a-f]{16}$/);
    });

    it('lets no planted secret reach the receiver', () => {
      const wire = records.map((r) => r.raw).join('\n');
      for (const [kind, secret] of Object.entries(secrets)) {
        expect(wire.includes(secret), `${kind} leaked`).toBe(false);
      }
      expect(byEvent(records, 'security.authz_fail').body).toContain('access to /admin/users refused');
      expect(wire).not.toContain('raw-session-id-0001');
    });
  });
});
