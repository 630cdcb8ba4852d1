import { dirname, join } from 'node:path';
import type * as OtlpTransformer from '@opentelemetry/otlp-transformer';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { OtlpProtocol } from '../config/config';
import type { BufferSource } from './body-buffers';
import { encodeLogsRequest } from './otlp-logs-protobuf';

type JsonSerializer = typeof OtlpTransformer.JsonLogsSerializer;

/**
 * The JSON logs serializer of the pinned @opentelemetry/otlp-transformer, loaded on the first export. Only its
 * logs files are loaded: the package's index also loads the metrics SDK and the rest of OpenTelemetry, about 185
 * modules, for nothing here. Should a later version move its files, the index is used.
 */
let jsonSerializer: JsonSerializer | undefined;

function loadJsonSerializer(): JsonSerializer {
  try {
    const root = dirname(require.resolve('@opentelemetry/otlp-transformer'));
    return (require(join(root, 'logs/json/logs.cjs')) as typeof OtlpTransformer).JsonLogsSerializer;
  } catch {
    return (require('@opentelemetry/otlp-transformer') as typeof OtlpTransformer).JsonLogsSerializer;
  }
}

/**
 * One OTLP ExportLogsServiceRequest holding `records`, in the wire format of `protocol`. Protobuf, the default
 * and the hot path, is secotel's own one-pass encoder (otlp-logs-protobuf.ts, a few small modules, no
 * dependency), writing into a buffer of `buffers` (a fresh one by default).
 */
export function encodeLogs(
  records: ReadableLogRecord[],
  protocol: OtlpProtocol,
  buffers?: BufferSource,
): Uint8Array | undefined {
  if (protocol === 'http/json') {
    jsonSerializer ??= loadJsonSerializer();
    return jsonSerializer.serializeRequest(records);
  }
  return encodeLogsRequest(records, buffers);
}

export function contentTypeOf(protocol: OtlpProtocol): string {
  return protocol === 'http/json' ? 'application/json' : 'application/x-protobuf';
}
