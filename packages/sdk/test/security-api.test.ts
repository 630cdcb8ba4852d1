import { InMemoryLogRecordExporter } from '@opentelemetry/sdk-logs';
import { afterEach, describe, expect, it } from 'vitest';
import { runWithContext, type SecotelSdk, security, startSecotel } from '../src';
import { sdkState } from '../src/api';

let sdk: SecotelSdk | undefined;
afterEach(async () => {
  await sdk?.shutdown();
  sdk = undefined;
});

describe('the security API before the SDK starts', () => {
  it('throws a TypeError naming the valid events for an unknown name outside production', () => {
    expect(() => security.emit('authn_login_fial' as never)).toThrow(TypeError);
    expect(() => security.emit('authn_login_fial' as never)).toThrow(/valid names: .*authn_login_fail/);
  });

  it('counts known events as emitted while not started', () => {
    const before = sdkState().report.snapshot().emitted_while_not_started ?? 0;
    security.authnLoginFail({ 'user.name': 'alice' });
    expect(sdkState().report.snapshot().emitted_while_not_started).toBe(before + 1);
  });
});

describe('the security API with a running SDK', () => {
  it('counts and drops an unknown name in production instead of throwing', () => {
    sdk = startSecotel({ env: { OTEL_LOGS_EXPORTER: 'none', NODE_ENV: 'production' } });
    expect(() => security.emit('no_such_event' as never)).not.toThrow();
    expect(sdk?.stats().unknown_event_name).toBeGreaterThanOrEqual(1);
  });

  it('returns the running instance when started twice', () => {
    sdk = startSecotel({ env: { OTEL_LOGS_EXPORTER: 'none' } });
    expect(startSecotel({ env: { OTEL_LOGS_EXPORTER: 'none' } })).toBe(sdk);
  });

  it('returns undefined when OTEL_SDK_DISABLED=true', () => {
    expect(startSecotel({ env: { OTEL_SDK_DISABLED: 'true' } })).toBeUndefined();
  });

  it('setUser identifies the user for later events of the same request only', async () => {
    const exporter = new InMemoryLogRecordExporter();
    sdk = startSecotel({ env: { OTEL_LOGS_EXPORTER: 'none' }, exporters: [exporter] });
    await runWithContext({ client: { address: '192.0.2.1' } }, async () => {
      security.authzFail({ 'security.resource': '/before' });
      security.setUser({ id: 'u-7', name: 'carol' });
      await Promise.resolve();
      security.authzFail({ 'security.resource': '/after' });
    });
    runWithContext({}, () => security.authzFail({ 'security.resource': '/other-request' }));
    expect(() => security.setUser({ id: 'outside' })).not.toThrow();
    await sdk?.forceFlush();
    const users = exporter
      .getFinishedLogRecords()
      .map((r) => [r.attributes['security.resource'], r.attributes['user.id']]);
    expect(users).toEqual([
      ['/before', undefined],
      ['/after', 'u-7'],
      ['/other-request', undefined],
    ]);
    expect(sdk?.stats().set_user_outside_request).toBe(1);
  });

  it('redacts before any exporter sees a record', async () => {
    const exporter = new InMemoryLogRecordExporter();
    sdk = startSecotel({ env: { OTEL_LOGS_EXPORTER: 'none' }, exporters: [exporter] });
    security.authnLoginFail(
      { 'user.name': 'dave', password: 'hunter2-hunter2' },
      { body: 'token ghp_R4nd0mPl4nt3dT0k3nF0rT3st1ngXYZ12345' },
    );
    await sdk?.forceFlush();
    const [record] = exporter.getFinishedLogRecords();
    expect(JSON.stringify([record?.attributes, record?.body])).not.toMatch(/hunter2|ghp_R4nd0m/);
    expect(record?.attributes['user.name']).toBe('dave');
  });

  it('never throws into the application when recording fails', () => {
    sdk = startSecotel({ env: { OTEL_LOGS_EXPORTER: 'none' } });
    const hostile = {
      get 'user.name'(): string {
        throw new Error('getter exploded');
      },
    };
    expect(() => security.emit('authn_login_fail', hostile as never)).not.toThrow();
    expect(sdk?.stats().emit).toBe(1);
  });
});
