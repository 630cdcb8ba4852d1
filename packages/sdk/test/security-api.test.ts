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

  it('records an event missing a required attribute, and counts each such record', async () => {
    const exporter = new InMemoryLogRecordExporter();
    sdk = startSecotel({ env: { OTEL_LOGS_EXPORTER: 'none' }, exporters: [exporter] });
    security.emit('authn_impossible_travel', { 'security.travel.from': 'FR' });
    security.emit('authn_impossible_travel', { 'security.travel.from': 'FR', 'security.travel.to': 'NZ' });
    security.emit('authn_impossible_travel', {});
    await sdk?.forceFlush();
    expect(exporter.getFinishedLogRecords()).toHaveLength(3);
    expect(sdk?.stats().missing_required_attribute).toBe(2);
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

  it('records an event whose attribute getter throws, with the unsupported marker in its place', async () => {
    const exporter = new InMemoryLogRecordExporter();
    sdk = startSecotel({ env: { OTEL_LOGS_EXPORTER: 'none' }, exporters: [exporter] });
    const hostile = {
      'security.reason': 'bad_password',
      get 'user.name'(): string {
        throw new Error('getter exploded');
      },
    };
    expect(() => security.emit('authn_login_fail', hostile as never)).not.toThrow();
    await sdk?.forceFlush();
    const [record] = exporter.getFinishedLogRecords();
    expect(record?.attributes['user.name']).toBe('[UNSUPPORTED:object]');
    expect(record?.attributes['security.reason']).toBe('bad_password');
  });
});

describe('the security API never throws into the application', () => {
  const hostileProxy = new Proxy(
    {},
    {
      ownKeys() {
        throw new Error('no keys for you');
      },
      get() {
        throw new Error('no values either');
      },
    },
  );

  it('accepts setUser(undefined | null | a throwing proxy) and keeps the request going', () => {
    sdk = startSecotel({ env: { OTEL_LOGS_EXPORTER: 'none' } });
    runWithContext({}, () => {
      expect(() => security.setUser(undefined as never)).not.toThrow();
      expect(() => security.setUser(null as never)).not.toThrow();
      expect(() => security.setUser(hostileProxy as never)).not.toThrow();
    });
    expect(sdk?.stats().set_user_invalid).toBe(2);
    expect(sdk?.stats().set_user).toBe(1);
  });

  it('records loginSuccess() and loginFailure(null) instead of throwing', async () => {
    const exporter = new InMemoryLogRecordExporter();
    sdk = startSecotel({ env: { OTEL_LOGS_EXPORTER: 'none' }, exporters: [exporter] });
    expect(() => (security.loginSuccess as () => void)()).not.toThrow();
    expect(() => security.loginFailure(null as never)).not.toThrow();
    expect(() => security.loginFailure(hostileProxy as never)).not.toThrow();
    await sdk?.forceFlush();
    expect(exporter.getFinishedLogRecords().map((r) => r.eventName)).toEqual([
      'security.authn_login_success',
      'security.authn_login_fail',
      'security.authn_login_fail',
    ]);
  });

  it('replaces values that cannot be represented by markers and keeps the event', async () => {
    const exporter = new InMemoryLogRecordExporter();
    sdk = startSecotel({ env: { OTEL_LOGS_EXPORTER: 'none' }, exporters: [exporter] });
    expect(() =>
      security.authzFail({
        'security.resource': '/admin',
        'app.when': new Date(0),
        'app.map': new Map([['a', 1]]),
        'app.big': 10n,
        'app.proxy': hostileProxy,
      } as never),
    ).not.toThrow();
    expect(() => security.authzFail(hostileProxy as never)).not.toThrow();
    await sdk?.forceFlush();
    const [record, second] = exporter.getFinishedLogRecords();
    expect(record?.attributes).toMatchObject({
      'security.resource': '/admin',
      'app.when': '[UNSUPPORTED:object]',
      'app.map': '[UNSUPPORTED:object]',
      'app.big': '[UNSUPPORTED:bigint]',
      'app.proxy': '[UNSUPPORTED:object]',
    });
    expect(second?.eventName).toBe('security.authz_fail');
  });
});

describe('redaction holds however the caller passes its data', () => {
  it('redacts a string passed where the attributes object belongs, instead of spreading its characters', async () => {
    const exporter = new InMemoryLogRecordExporter();
    sdk = startSecotel({ env: { OTEL_LOGS_EXPORTER: 'none' }, exporters: [exporter] });
    security.authzFail('password=hunter2' as never);
    await sdk?.forceFlush();
    const [record] = exporter.getFinishedLogRecords();
    expect(record?.attributes['security.reason']).toBe('password=[REDACTED:password]');
    expect(record?.attributes['0']).toBeUndefined();
    expect(JSON.stringify([record?.attributes, record?.body])).not.toContain('hunter2');
  });

  it('adds nothing a polluted Object.prototype holds, and reads a JSON __proto__ key as no attribute', async () => {
    const exporter = new InMemoryLogRecordExporter();
    sdk = startSecotel({ env: { OTEL_LOGS_EXPORTER: 'none' }, exporters: [exporter] });
    security.authzFail(JSON.parse('{"__proto__": {"note": "password=hunter2"}, "security.reason": "r1"}'));
    const polluted = Object.prototype as Record<string, unknown>;
    polluted['url.query'] = 'api_key=sk_live_4eC39HqLyjWDarjtT1zdp7dc';
    try {
      security.authzFail({ 'security.reason': 'r2' });
    } finally {
      delete polluted['url.query'];
    }
    await sdk?.forceFlush();
    const records = exporter.getFinishedLogRecords();
    expect(records.map((record) => Object.keys(record.attributes))).toEqual([
      ['security.reason', 'security.category'],
      ['security.reason', 'security.category'],
    ]);
    expect(JSON.stringify(records.map((record) => record.attributes))).not.toMatch(/hunter2|4eC39Hq/);
  });

  it('takes a snapshot of a body object at emit: later changes by the caller are not exported', async () => {
    const exporter = new InMemoryLogRecordExporter();
    sdk = startSecotel({ env: { OTEL_LOGS_EXPORTER: 'none' }, exporters: [exporter] });
    const body: Record<string, unknown> = { note: 'first attempt' };
    security.authnLoginFail({ 'user.name': 'dave' }, { body } as never);
    body.password = 'hunter2';
    body.note = 'token ghp_R4nd0mPl4nt3dT0k3nF0rT3st1ngXYZ12345';
    await sdk?.forceFlush();
    expect(exporter.getFinishedLogRecords()[0]?.body).toEqual({ note: 'first attempt' });
  });

  it('cuts a million-item array attribute before anything walks it', async () => {
    const exporter = new InMemoryLogRecordExporter();
    sdk = startSecotel({ env: { OTEL_LOGS_EXPORTER: 'none' }, exporters: [exporter] });
    let itemsRead = 0;
    const items = new Proxy(new Array(1_000_000).fill('a'), {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) itemsRead++;
        return Reflect.get(target, key, receiver);
      },
    });
    security.authzFail({ 'security.resource': '/x', 'app.items': items } as never);
    // Counted rather than timed: walking all million items is what blocked the event loop.
    expect(itemsRead).toBe(128);
    await sdk?.forceFlush();
    expect(exporter.getFinishedLogRecords()[0]?.attributes['app.items']).toHaveLength(128);
  });
});

describe('bodies cannot be forged', () => {
  const bodiesOf = async (emit: () => void): Promise<unknown[]> => {
    const exporter = new InMemoryLogRecordExporter();
    sdk = startSecotel({ env: { OTEL_LOGS_EXPORTER: 'none' }, exporters: [exporter] });
    emit();
    await sdk?.forceFlush();
    return exporter.getFinishedLogRecords().map((record) => record.body);
  };

  it('writes a line break and a typed backslash-n differently', async () => {
    const [escaped, typed] = await bodiesOf(() => {
      security.authnLoginFail({ 'user.name': 'alice\nINFO admin logged in' });
      security.authnLoginFail({ 'user.name': 'alice\\nINFO admin logged in' });
    });
    expect(escaped).toContain('alice\\nINFO');
    expect(typed).toContain('alice\\\\nINFO');
    expect(escaped).not.toBe(typed);
  });

  it('redacts a body a value went into on its own, between bodies of the template text alone', async () => {
    const bodies = await bodiesOf(() => {
      security.authzFail({});
      security.authzFail({ 'security.resource': 'password=hunter2' });
      security.authzFail({ 'http.route': '/admin' });
      security.authzFail({ 'security.resource': '/admin?api_key=sk_live_4eC39HqLyjWDarjtT1zdp7dc' });
    });
    expect(bodies[0]).toBe('access denied');
    expect(bodies[2]).toBe('access denied');
    expect(bodies[1]).toMatch(/^access denied to password=/);
    expect(bodies[3]).toMatch(/^access denied to \/admin\?api_key=/);
    expect(JSON.stringify(bodies)).not.toMatch(/hunter2|4eC39HqLyjWDarjtT1zdp7dc/);
  });

  it('renders a placeholder set to a value, also between records that set none or set it empty', async () => {
    const bodies = await bodiesOf(() => {
      security.authzFail({ 'http.response.status_code': 403 });
      security.authzFail({ 'user.name': '' });
      security.authzFail({ 'user.name': 'bob' });
      security.emit('authz_fail', { 'security.resource': ['/a', '/b'] });
      security.authzFail({});
    });
    expect(bodies).toEqual([
      'access denied',
      'access denied',
      'access denied for bob',
      'access denied to /a, /b',
      'access denied',
    ]);
  });

  it("redacts the template's own text in every record when a configured pattern matches it", async () => {
    const exporter = new InMemoryLogRecordExporter();
    sdk = startSecotel({
      env: { OTEL_LOGS_EXPORTER: 'none', SECOTEL_REDACT_VALUES: 'denied' },
      exporters: [exporter],
    });
    security.authzFail({});
    security.authzFail({});
    await sdk?.forceFlush();
    const bodies = exporter.getFinishedLogRecords().map((record) => record.body);
    expect(bodies).toEqual(['access [REDACTED:custom]', 'access [REDACTED:custom]']);
  });

  it('removes zero-width characters from body fields', async () => {
    const [body] = await bodiesOf(() => security.authnLoginFail({ 'user.name': 'ad\u200bmi\u2060n\ufeff' }));
    expect(body).toContain('for admin');
  });

  it('does not let an unterminated escape sequence swallow the template text after it', async () => {
    const [body] = await bodiesOf(() =>
      runWithContext({ client: { address: '203.0.113.9' } }, () =>
        security.authnLoginFail({ 'user.name': 'evil\u001b[', 'security.reason': 'bad_password' }),
      ),
    );
    expect(body).toBe('login failed for evil\\u001b[ from 203.0.113.9: bad_password');
  });
});
