// secotel next to an application's own OpenTelemetry setup: with the auto-instrumentations' register (loaded
// before or after secotel's) and with secotel's classes and processor inside a NodeSDK. The app answers as it
// does alone, its spans are those the auto-instrumentations make without secotel, secotel's security records
// arrive too, and each record carries the trace and span of the request it is about.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppProcess, type Reply, type RequestSpec } from '../../../test-support/app-process';
import { OtlpSink, type ReceivedRecord, type ReceivedSpan } from '../../../test-support/otlp-sink';

const FIXTURES = resolve(__dirname, 'fixtures/interop');
const SECOTEL = ['--require', '@secotel/node/register'];
const AUTO = ['--require', '@opentelemetry/auto-instrumentations-node/register'];

/** Each refused request is one security record; the client's address comes from a trusted loopback proxy. */
const REQUESTS: RequestSpec[] = [
  { path: '/' },
  { path: '/admin/7', headers: { 'x-forwarded-for': '203.0.113.7' } },
  { path: '/login', headers: { 'x-forwarded-for': '203.0.113.8' } },
];
const REFUSED = ['/admin/7', '/login'];

const setups = [
  { name: "secotel's register, then the auto-instrumentations' register", args: [...SECOTEL, ...AUTO] },
  { name: "the auto-instrumentations' register, then secotel's register", args: [...AUTO, ...SECOTEL] },
  {
    name: "secotel's classes and processor in the application's NodeSDK",
    args: ['--require', './node-sdk.cjs'],
  },
];

async function replies(args: string[], env: Record<string, string>): Promise<Reply[]> {
  const app = await AppProcess.start([...args, 'app.cjs'], FIXTURES, env);
  try {
    const answers: Reply[] = [];
    for (const spec of REQUESTS) {
      const reply = await app.send(spec);
      delete reply.headers.date;
      answers.push(reply);
    }
    return answers;
  } finally {
    await app.stop();
  }
}

/** The server span of the request for `path` (auto-instrumentations' http instrumentation, either semconv). */
function serverSpanFor(spans: readonly ReceivedSpan[], path: string): ReceivedSpan | undefined {
  return spans.find(
    (span) =>
      span.kind === 2 && (span.attributes['url.path'] === path || span.attributes['http.target'] === path),
  );
}

/** The names of the spans of each request's trace, by path: what the application's tracing shows. */
function spanNamesByPath(spans: readonly ReceivedSpan[]): Record<string, string[]> {
  return Object.fromEntries(
    REQUESTS.map(({ path }) => {
      const server = serverSpanFor(spans, path);
      const trace = spans.filter((span) => span.traceId === server?.traceId);
      return [path, trace.map((span) => span.name).sort()];
    }),
  );
}

/** The spans of one trace: the request's server span and every span under it. */
function spansUnder(spans: readonly ReceivedSpan[], root: ReceivedSpan): Set<string> {
  const ids = new Set([root.spanId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const span of spans)
      if (span.traceId === root.traceId && ids.has(span.parentSpanId) && !ids.has(span.spanId)) {
        ids.add(span.spanId);
        grew = true;
      }
  }
  return ids;
}

const exportingTo = (sink: OtlpSink) => ({
  OTEL_EXPORTER_OTLP_ENDPOINT: sink.url,
  OTEL_METRICS_EXPORTER: 'none',
  OTEL_BSP_SCHEDULE_DELAY: '100',
  OTEL_SERVICE_NAME: 'interop',
  SECOTEL_TRUST_PROXY: 'loopback',
});
const allServerSpans = (sink: OtlpSink) => () =>
  REQUESTS.every(({ path }) => serverSpanFor(sink.spans, path));
const spanList = (sink: OtlpSink) => () => `spans ${JSON.stringify(sink.spans.map((s) => s.name))}`;

describe.each(setups)('$name', ({ args }) => {
  let sink: OtlpSink;
  /** Where the auto-instrumentations alone, without secotel, send their spans. */
  let alone: OtlpSink;
  let bare: Reply[];
  let instrumented: Reply[];

  beforeAll(async () => {
    [sink, alone] = await Promise.all([OtlpSink.start(), OtlpSink.start()]);
    bare = await replies([], {});
    instrumented = await replies(args, exportingTo(sink));
    await replies(AUTO, { ...exportingTo(alone), OTEL_LOGS_EXPORTER: 'none' });
    await alone.waitUntil(allServerSpans(alone), spanList(alone));
    await sink.waitUntil(
      () =>
        allServerSpans(sink)() &&
        sink.records.filter((record) => record.scope === '@secotel/sdk').length >= REFUSED.length,
      () => `${spanList(sink)()}, records ${sink.records.length}`,
    );
  });
  afterAll(async () => {
    await Promise.all([sink?.stop(), alone?.stop()]);
  });

  it('leaves the application answering as it does alone', () => {
    expect(instrumented).toEqual(bare);
  });

  it("leaves the application's spans as the auto-instrumentations make them alone", async () => {
    // Spans of a request still open when its server span arrived come in the next batch.
    const expected = spanNamesByPath(alone.spans);
    const count = Object.values(expected).flat().length;
    await sink.waitUntil(
      () => sink.spans.length >= count,
      () => `expected ${count} spans: ${spanList(sink)()}`,
    );
    expect(spanNamesByPath(sink.spans)).toEqual(expected);
  });

  it("sends secotel's records only: none of the application's own logs", () => {
    expect(sink.records.filter((record) => !record.eventName.startsWith('security.'))).toEqual([]);
  });

  it('delivers each security record inside the span of its request', () => {
    const security = sink.records.filter((record) => record.scope === '@secotel/sdk');
    for (const path of REFUSED) {
      const server = serverSpanFor(sink.spans, path) as ReceivedSpan;
      const records = security.filter((record: ReceivedRecord) => record.attributes['url.path'] === path);
      // One refusal, one record: never once through secotel's pipeline and again through the application's.
      expect(records, path).toHaveLength(1);
      for (const record of records) {
        expect(record.traceId, path).toBe(server.traceId);
        expect([...spansUnder(sink.spans, server)], path).toContain(record.spanId);
      }
    }
    // The trusted proxy's X-Forwarded-For (SECOTEL_TRUST_PROXY, or the constructor's trustProxy) names the client.
    expect(security.map((record) => record.attributes['client.address']).sort()).toEqual(
      expect.arrayContaining(['203.0.113.7', '203.0.113.8']),
    );
  });
});
