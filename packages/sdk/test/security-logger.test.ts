import { context, TraceFlags, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processResource } from '../src/pipeline/resource';
import { type RecordProcessor, SecurityLogger } from '../src/pipeline/security-logger';

function capture() {
  const records: ReadableLogRecord[] = [];
  const head: RecordProcessor = {
    onEmit: (record) => records.push(record),
    forceFlush: async () => {},
    shutdown: async () => {},
  };
  const resource = processResource({ version: '9.9.9', attributes: {}, serviceName: 'svc' });
  return { records, logger: new SecurityLogger(head, resource, { name: '@secotel/sdk', version: '9.9.9' }) };
}

const fields = (attributes: Record<string, unknown>) => ({
  eventName: 'security.authz_fail',
  severityNumber: 13,
  severityText: 'WARN',
  body: 'denied',
  attributes: attributes as never,
});

const manager = new AsyncLocalStorageContextManager();
beforeAll(() => context.setGlobalContextManager(manager.enable()));
afterAll(() => {
  context.disable();
});

describe('SecurityLogger', () => {
  it('stamps the active span context, and none outside a span', () => {
    const { records, logger } = capture();
    const spanContext = {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: TraceFlags.SAMPLED,
    };
    context.with(trace.setSpanContext(context.active(), spanContext), () => logger.emit(fields({})));
    logger.emit(fields({}));
    context.with(trace.setSpanContext(context.active(), { ...spanContext, traceId: '0'.repeat(32) }), () =>
      logger.emit(fields({})),
    );
    expect(records.map((record) => record.spanContext?.spanId)).toEqual([
      'b7ad6b7169203331',
      undefined,
      undefined,
    ]);
  });

  it('keeps at most 128 attributes, counts the rest, and leaves out empty keys and undefined values', () => {
    const { records, logger } = capture();
    const many = Object.fromEntries(Array.from({ length: 130 }, (_, i) => [`k${i}`, i]));
    logger.emit(fields({ '': 'no key', gone: undefined, ...many }));
    const [record] = records;
    expect(Object.keys(record?.attributes ?? {})).toHaveLength(128);
    expect(Object.hasOwn(record?.attributes ?? {}, '')).toBe(false);
    expect(record?.attributes).not.toHaveProperty('gone');
    expect(record?.droppedAttributesCount).toBe(2);
  });

  it('builds records that OpenTelemetry encodes as OTLP, resource and scope included', () => {
    const { records, logger } = capture();
    logger.emit(fields({ 'security.resource': '/admin', nested: { list: [1, 'two'] } }));
    const encoded = Buffer.from(ProtobufLogsSerializer.serializeRequest(records) ?? []);
    for (const text of ['security.authz_fail', '/admin', 'svc', '@secotel/sdk', 'denied', 'two']) {
      expect(encoded.includes(Buffer.from(text)), text).toBe(true);
    }
  });
});

describe('processResource', () => {
  it('lets OTEL_RESOURCE_ATTRIBUTES override the detected values and OTEL_SERVICE_NAME win over both', () => {
    const resource = processResource({
      version: '1.2.3',
      attributes: {
        'service.name': 'from-attributes',
        'service.instance.id': 'pinned',
        'host.name': 'web-1',
      },
      serviceName: 'from-variable',
    });
    expect(resource.attributes).toMatchObject({
      'service.name': 'from-variable',
      'service.instance.id': 'pinned',
      'host.name': 'web-1',
      'telemetry.distro.name': 'secotel',
      'telemetry.distro.version': '1.2.3',
    });
    expect(resource.asyncAttributesPending).toBe(false);
  });

  it('gives each process its own instance id and names the architecture as the conventions do', () => {
    const one = processResource({ version: '1', attributes: {}, serviceName: undefined });
    const two = processResource({ version: '1', attributes: {}, serviceName: undefined });
    expect(one.attributes['service.instance.id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(one.attributes['service.instance.id']).not.toBe(two.attributes['service.instance.id']);
    expect(one.attributes['service.name']).toMatch(/^unknown_service:/);
    expect(['amd64', 'arm64', 'arm32', 'x86', 'ppc32', 'ppc64', 's390x']).toContain(
      one.attributes['host.arch'],
    );
  });
});
