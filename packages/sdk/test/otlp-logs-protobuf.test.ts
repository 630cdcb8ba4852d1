// secotel's protobuf encoder against the real @opentelemetry/otlp-transformer as the oracle: for every batch, the
// same bytes. Records come from fast-check (every AnyValue type, strings of any Unicode including lone surrogates,
// numbers across the int64/double line), from secotel's own logger and from OpenTelemetry's logs SDK; lengths
// sit on the varint boundaries that move a message in the writer's buffer.
import { context, type HrTime, TraceFlags, trace } from '@opentelemetry/api';
import { ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  type ReadableLogRecord,
  SimpleLogRecordProcessor,
} from '@opentelemetry/sdk-logs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeLogsRequest } from '../src/pipeline/otlp-logs-protobuf';
import { processResource } from '../src/pipeline/resource';
import { type RecordProcessor, SecurityLogger } from '../src/pipeline/security-logger';

function expectSameBytes(records: ReadableLogRecord[]): void {
  const expected = Buffer.from(ProtobufLogsSerializer.serializeRequest(records) ?? []);
  const actual = Buffer.from(encodeLogsRequest(records));
  if (!actual.equals(expected)) {
    const at = actual.findIndex((byte, i) => byte !== expected[i]);
    expect.fail(`differs at byte ${at} of ${expected.length} (got ${actual.length} bytes)`);
  }
}

// Strings: ASCII, any code point (astral ones included), and UTF-16 units alone, lone surrogates among them.
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 }),
);
const number = fc.oneof(
  fc.integer(),
  fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
  fc.maxSafeInteger(),
  fc.double(),
  fc.constantFrom(2 ** 63, -(2 ** 63), 2 ** 64, 2 ** 53 + 2, -0, 0xffff_ffff, 2 ** 32, -1, 1e21),
);
const scalar = fc.oneof(
  text,
  number,
  fc.boolean(),
  fc.constantFrom(null, undefined),
  fc.uint8Array({ maxLength: 20 }),
  fc.constantFrom(() => 1, Symbol('s'), BigInt(5)),
);
const anyValue = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('array'), tie('map')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  map: fc.dictionary(text, tie('value'), { maxKeys: 4 }),
})).value;
const attributes = fc.dictionary(text, anyValue, { maxKeys: 8 });
// Zero often: the encoders leave some fields out when they are 0 (or empty, which fc.string yields often).
const count = fc.oneof(fc.constant(0), fc.nat());
const hex = (length: number) => fc.stringMatching(new RegExp(`^[0-9a-fA-F]{${length}}$`));
const hrTime = fc.tuple(fc.integer({ min: 0, max: 0xffff_ffff }), fc.integer({ min: 0, max: 999_999_999 }));
const resourceArb = fc.record(
  { attributes, schemaUrl: fc.option(text, { nil: undefined }) },
  { requiredKeys: ['attributes'] },
);
const scopeArb = fc.record(
  {
    name: text,
    version: fc.option(text, { nil: undefined }),
    schemaUrl: fc.option(text, { nil: undefined }),
    attributes: fc.option(attributes, { nil: undefined }),
    droppedAttributesCount: fc.option(count, { nil: undefined }),
  },
  { requiredKeys: ['name'] },
);
const recordArb = (resources: object[], scopes: object[]) =>
  fc.record({
    hrTime,
    hrTimeObserved: hrTime,
    severityNumber: fc.option(fc.integer({ min: 0, max: 24 }), { nil: undefined }),
    severityText: fc.option(text, { nil: undefined }),
    eventName: fc.option(text, { nil: undefined }),
    body: anyValue,
    attributes,
    droppedAttributesCount: count,
    spanContext: fc.option(
      fc.record({
        traceId: hex(32),
        spanId: hex(16),
        traceFlags: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 255 })),
      }),
      { nil: undefined },
    ),
    resource: fc.constantFrom(...resources),
    instrumentationScope: fc.constantFrom(...scopes),
  });
// Several resources and scopes, shared by identity between records in any order, as the encoders group them.
const batch = fc
  .tuple(
    fc.array(resourceArb, { minLength: 1, maxLength: 3 }),
    fc.array(scopeArb, { minLength: 1, maxLength: 3 }),
  )
  .chain(([resources, scopes]) => fc.array(recordArb(resources, scopes), { minLength: 1, maxLength: 12 }));

const at: HrTime = [1_780_000_000, 123_456_789];
const baseRecord = {
  hrTime: at,
  hrTimeObserved: at,
  severityNumber: 13,
  severityText: 'WARN',
  eventName: 'security.authn_login_fail',
  droppedAttributesCount: 0,
  spanContext: undefined,
  resource: processResource({ version: '1.0.0', attributes: {}, serviceName: 'svc' }),
  instrumentationScope: { name: '@secotel/sdk', version: '1.0.0' },
};
const recordWith = (fields: Partial<ReadableLogRecord>) =>
  ({ ...baseRecord, body: '', attributes: {}, ...fields }) as unknown as ReadableLogRecord;

describe('encodeLogsRequest', () => {
  it('writes the bytes OpenTelemetry writes, for any records, resources and scopes', () => {
    fc.assert(
      fc.property(batch, (records) => expectSameBytes(records as unknown as ReadableLogRecord[])),
      { numRuns: 300 },
    );
  });

  it('moves messages whose length crosses a varint boundary (1 to 4 bytes), in every position', () => {
    // Body, attribute, record, scope and resource lengths at 127/128, 16383/16384 and past 2^21 bytes.
    for (const length of [0, 1, 100, 120, 127, 128, 129, 200, 16_370, 16_383, 16_384, 16_400, 2_097_200]) {
      for (const fill of ['a', 'é', '😀', '\ud800']) {
        const long = fill.repeat(Math.ceil(length / Buffer.byteLength(fill)));
        expectSameBytes([recordWith({ body: long })]);
        expectSameBytes([recordWith({ attributes: { key: long }, body: { [long.slice(0, 300)]: [long] } })]);
      }
    }
    // A batch over 2^21 bytes: the resource and scope groups need a 4-byte length, more than reserved.
    const many = Array.from({ length: 6_000 }, (_, i) =>
      recordWith({ body: `login failed for user${i}@example.com`.repeat(10), attributes: { i } }),
    );
    expectSameBytes(many);
    // A tiny record: its length takes one byte, fewer than reserved.
    expectSameBytes([{ ...recordWith({}), severityText: '', eventName: '' } as ReadableLogRecord]);
  });

  it('writes fields and attribute values repeated from record to record as OpenTelemetry does, whatever their types', () => {
    // Few keys and values, so that records of a batch repeat a key's last value, change it and come back to it;
    // equal-looking values of different types (403 and '403', true and 'true', 0 and -0 and '0') share keys.
    const key = fc.constantFrom('http.response.status_code', 'client.address', 'k', 'é', '');
    const value = fc.constantFrom(
      403,
      '403',
      true,
      'true',
      0,
      -0,
      '0',
      1.5,
      2 ** 40,
      -1,
      '',
      'é😀',
      '\ud800',
      'x'.repeat(200),
      // A record of 16 KiB and more, whose length takes a byte more than reserved: its content moves.
      'y'.repeat(17_000),
      null,
      undefined,
      [403],
      { k: '403' },
      new Uint8Array([4, 0, 3]),
    );
    // Records of two scopes interleaved: each scope's records are written together, copied within their group.
    const scopes = [baseRecord.instrumentationScope, { name: 'other', version: '2.0.0' }];
    const time = fc.constantFrom<HrTime>([1_780_000_000, 5], [1_780_000_000, 999_999_999], [0, 0]);
    const repeating = fc.array(
      fc.record({
        attributes: fc.dictionary(key, value, { maxKeys: 4 }),
        body: fc.constantFrom('access denied', '', '403', 403, 'é😀', undefined, { k: 'access denied' }),
        severityNumber: fc.constantFrom(0, 13, 17, undefined),
        severityText: fc.constantFrom('WARN', 'CRITICAL', '', undefined),
        eventName: fc.constantFrom('security.authz_fail', 'security.authn_login_fail', '', undefined),
        hrTime: time,
        observed: fc.oneof(fc.constant('same array'), time),
        scope: fc.constantFrom(0, 0, 1),
      }),
      { minLength: 1, maxLength: 40 },
    );
    fc.assert(
      fc.property(repeating, (specs) => {
        const records = specs.map(({ attributes, hrTime, observed, scope, ...fields }) =>
          recordWith({
            ...(fields as Partial<ReadableLogRecord>),
            instrumentationScope: scopes[scope] as ReadableLogRecord['instrumentationScope'],
            attributes: attributes as ReadableLogRecord['attributes'],
            hrTime,
            hrTimeObserved: observed === 'same array' ? hrTime : [...observed],
          }),
        );
        expectSameBytes(records);
      }),
      { numRuns: 500 },
    );
  });

  it('writes runs of repeated fields copied together as OpenTelemetry writes them', () => {
    // Keys in one order, two values each: consecutive records share runs of fields, broken where one changes
    // (as a refusal's client port does), so copies are joined, split and taken from the record before.
    const twoOf = <T>(a: T, b: T) => fc.constantFrom(a, b);
    const refusal = fc.record({
      'client.address': twoOf('127.0.0.1', '::1'),
      'client.port': twoOf(40_001, 40_002),
      'http.request.method': twoOf('GET', 'POST'),
      'http.route': twoOf('/', '/admin'),
      'user_agent.original': twoOf('Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0', 'curl/8.5.0'),
      'http.response.status_code': twoOf<number | string>(403, '403'),
      'security.category': twoOf('authz', 'authn'),
    });
    const batchOf = fc.array(
      fc.record({ attributes: refusal, body: twoOf('access denied', 'access denied to /admin') }),
      { minLength: 2, maxLength: 30 },
    );
    fc.assert(
      fc.property(batchOf, (specs) => {
        expectSameBytes(specs.map((fields) => recordWith(fields as Partial<ReadableLogRecord>)));
      }),
      { numRuns: 500 },
    );
  });

  it("writes secotel's own records as OpenTelemetry does, span context included", () => {
    const records: ReadableLogRecord[] = [];
    const head: RecordProcessor = {
      onEmit: (record) => records.push(record),
      forceFlush: async () => {},
      shutdown: async () => {},
    };
    const resource = processResource({
      version: '9.9.9',
      attributes: { 'deployment.environment': 'é' },
      serviceName: 'svc',
    });
    const logger = new SecurityLogger(head, resource, { name: '@secotel/sdk', version: '9.9.9' });
    const spanContext = {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: TraceFlags.SAMPLED,
    };
    for (let i = 0; i < 50; i++) {
      const fields = {
        eventName: 'security.authn_login_fail',
        severityNumber: 13,
        severityText: 'WARN',
        body: `login failed for user${i}@example.com: bad_password`,
        attributes: { 'user.name': `user${i}`, 'client.port': 51_234, 'security.user.exists': i % 2 === 0 },
      };
      logger.emit(
        fields,
        i % 2 === 0 ? trace.setSpanContext(context.active(), spanContext) : context.active(),
      );
    }
    expect(records).toHaveLength(50);
    expectSameBytes(records);
  });

  it("writes OpenTelemetry logs SDK records (another logger's) as OpenTelemetry does", () => {
    const exporter = new InMemoryLogRecordExporter();
    const provider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter })] });
    const logger = provider.getLogger('app', '2.0.0', {
      schemaUrl: 'https://opentelemetry.io/schemas/1.30.0',
    });
    for (let i = 0; i < 20; i++) {
      logger.emit({
        severityNumber: i,
        severityText: i % 3 === 0 ? '' : 'INFO',
        body: i % 2 === 0 ? `message ${i}` : { nested: [i, `ü${i}`, { deep: true }] },
        attributes: { 'http.route': '/x', count: i * 1e6, ratio: i / 7 },
        eventName: i % 4 === 0 ? undefined : 'app.event',
      });
    }
    const records = exporter.getFinishedLogRecords() as ReadableLogRecord[];
    expect(records).toHaveLength(20);
    expectSameBytes(records);
  });
});
