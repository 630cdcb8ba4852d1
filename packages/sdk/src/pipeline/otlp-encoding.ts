import { dirname, join } from 'node:path';
import type * as OtlpTransformer from '@opentelemetry/otlp-transformer';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { OtlpProtocol } from '../config/config';

type LogsSerializer = typeof OtlpTransformer.ProtobufLogsSerializer;

/**
 * The logs serializer of the pinned @opentelemetry/otlp-transformer, loaded on the first export. Only its logs
 * files are loaded (9 modules for protobuf): the package's index also loads the metrics SDK and the rest of
 * OpenTelemetry, about 185 modules, for nothing here. Should a later version move its files, the index is used.
 */
const serializers = new Map<OtlpProtocol, LogsSerializer>();

function serializerFor(protocol: OtlpProtocol): LogsSerializer {
  let serializer = serializers.get(protocol);
  if (serializer !== undefined) return serializer;
  const json = protocol === 'http/json';
  try {
    const root = dirname(require.resolve('@opentelemetry/otlp-transformer'));
    serializer = json
      ? (require(join(root, 'logs/json/logs.cjs')) as typeof OtlpTransformer).JsonLogsSerializer
      : (require(join(root, 'logs/protobuf/logs.cjs')) as typeof OtlpTransformer).ProtobufLogsSerializer;
  } catch {
    const transformer = require('@opentelemetry/otlp-transformer') as typeof OtlpTransformer;
    serializer = json ? transformer.JsonLogsSerializer : transformer.ProtobufLogsSerializer;
  }
  serializers.set(protocol, serializer);
  return serializer;
}

/** One OTLP ExportLogsServiceRequest holding `records`, in the wire format of `protocol`. */
export function encodeLogs(records: ReadableLogRecord[], protocol: OtlpProtocol): Uint8Array | undefined {
  return serializerFor(protocol).serializeRequest(records);
}

export function contentTypeOf(protocol: OtlpProtocol): string {
  return protocol === 'http/json' ? 'application/json' : 'application/x-protobuf';
}
