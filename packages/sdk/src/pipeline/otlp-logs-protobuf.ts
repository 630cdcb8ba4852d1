import type { HrTime } from '@opentelemetry/api';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { type BufferSource, FRESH_BUFFERS } from './body-buffers';
import { FIXED32, FIXED64, LENGTH_DELIMITED, ProtobufWriter, VARINT } from './protobuf-writer';

/**
 * ExportLogsServiceRequest in protobuf, as opentelemetry-proto's logs and common messages define it, byte for byte
 * what @opentelemetry/otlp-transformer's ProtobufLogsSerializer writes (test/otlp-logs-protobuf.test.ts holds it
 * to that), in one pass: the transformer sizes the whole request first and copies every string byte by byte
 * twice, the largest single cost of a record's way out (bench/sdk/PROFILE.md).
 */

type Resource = ReadableLogRecord['resource'];
type Scope = ReadableLogRecord['instrumentationScope'] & {
  readonly attributes?: Readonly<Record<string, unknown>>;
  readonly droppedAttributesCount?: number;
};
type Attributes = Readonly<Record<string, unknown>>;

/** Lengths reserved in front of messages before their size is known: a guess, corrected when wrong. */
const SMALL = 1;
const RECORD = 2;
const GROUP = 3;
/** Integers AnyValue carries as int_value (int64); the rest are double_value. */
const MIN_INT64 = -(2 ** 63);
const MAX_INT64 = 2 ** 63;
const TWO_TO_32 = 4_294_967_296;
/** First buffer size per record; the writer grows when a batch needs more. */
const BYTES_PER_RECORD_GUESS = 512;

/** Field numbers of opentelemetry-proto's messages, by message. */
const REQUEST_RESOURCE_LOGS = 1;
const RESOURCE_LOGS = { resource: 1, scopeLogs: 2, schemaUrl: 3 } as const;
const RESOURCE = { attributes: 1, droppedAttributesCount: 2 } as const;
const SCOPE_LOGS = { scope: 1, logRecords: 2, schemaUrl: 3 } as const;
const SCOPE = { name: 1, version: 2, attributes: 3, droppedAttributesCount: 4 } as const;
const LOG_RECORD = {
  timeUnixNano: 1,
  severityNumber: 2,
  severityText: 3,
  body: 5,
  attributes: 6,
  droppedAttributesCount: 7,
  flags: 8,
  traceId: 9,
  spanId: 10,
  observedTimeUnixNano: 11,
  eventName: 12,
} as const;
const KEY_VALUE = { key: 1, value: 2 } as const;
const ANY_VALUE = { string: 1, bool: 2, int: 3, double: 4, array: 5, kvlist: 6, bytes: 7 } as const;
/** ArrayValue.values and KeyValueList.values. */
const VALUES = 1;

export function encodeLogsRequest(
  records: readonly ReadableLogRecord[],
  buffers: BufferSource = FRESH_BUFFERS,
): Uint8Array {
  const writer = new ProtobufWriter(records.length * BYTES_PER_RECORD_GUESS, buffers);
  for (const [resource, scopes] of groupByResourceAndScope(records)) {
    writer.tag(REQUEST_RESOURCE_LOGS, LENGTH_DELIMITED);
    const start = writer.begin(GROUP);
    writeResource(writer, resource);
    for (const [scope, scopeRecords] of scopes) {
      writer.tag(RESOURCE_LOGS.scopeLogs, LENGTH_DELIMITED);
      writeScopeLogs(writer, scope, scopeRecords);
    }
    if (resource.schemaUrl) {
      writer.tag(RESOURCE_LOGS.schemaUrl, LENGTH_DELIMITED);
      writer.string(resource.schemaUrl);
    }
    writer.end(start, GROUP);
  }
  return writer.finish();
}

/** Records grouped by resource, then scope (both by identity), each in the order of its first record. */
function groupByResourceAndScope(
  records: readonly ReadableLogRecord[],
): Map<Resource, Map<Scope, ReadableLogRecord[]>> {
  const groups = new Map<Resource, Map<Scope, ReadableLogRecord[]>>();
  for (const record of records) {
    let scopes = groups.get(record.resource);
    if (scopes === undefined) {
      scopes = new Map();
      groups.set(record.resource, scopes);
    }
    const scope = record.instrumentationScope as Scope;
    const grouped = scopes.get(scope);
    if (grouped === undefined) scopes.set(scope, [record]);
    else grouped.push(record);
  }
  return groups;
}

function writeResource(writer: ProtobufWriter, resource: Resource): void {
  writer.tag(RESOURCE_LOGS.resource, LENGTH_DELIMITED);
  const start = writer.begin(SMALL);
  if (resource.attributes) writeAttributes(writer, resource.attributes, RESOURCE.attributes);
  writer.tag(RESOURCE.droppedAttributesCount, VARINT);
  writer.uint32(0);
  writer.end(start, SMALL);
}

function writeScopeLogs(writer: ProtobufWriter, scope: Scope, records: readonly ReadableLogRecord[]): void {
  const start = writer.begin(GROUP);
  writer.tag(SCOPE_LOGS.scope, LENGTH_DELIMITED);
  const scopeStart = writer.begin(SMALL);
  writer.tag(SCOPE.name, LENGTH_DELIMITED);
  writer.string(scope.name);
  if (scope.version) {
    writer.tag(SCOPE.version, LENGTH_DELIMITED);
    writer.string(scope.version);
  }
  if (scope.attributes) writeAttributes(writer, scope.attributes, SCOPE.attributes);
  if (scope.droppedAttributesCount) {
    writer.tag(SCOPE.droppedAttributesCount, VARINT);
    writer.int64(scope.droppedAttributesCount);
  }
  writer.end(scopeStart, SMALL);
  // Positions in the group's records stay where they were written until the group ends.
  const repeats = new Repeats(writer);
  for (const record of records) {
    writer.tag(SCOPE_LOGS.logRecords, LENGTH_DELIMITED);
    writeLogRecord(writer, record, repeats);
  }
  if (scope.schemaUrl) {
    writer.tag(SCOPE_LOGS.schemaUrl, LENGTH_DELIMITED);
    writer.string(scope.schemaUrl);
  }
  writer.end(start, GROUP);
}

function writeLogRecord(writer: ProtobufWriter, record: ReadableLogRecord, repeats: Repeats): void {
  const start = writer.begin(RECORD);
  writer.tag(LOG_RECORD.timeUnixNano, FIXED64);
  const time = writer.pos;
  writeTimestamp(writer, record.hrTime);
  repeats.head(record);
  if (record.attributes) repeats.attributes(record.attributes);
  repeats.flush();
  writer.tag(LOG_RECORD.droppedAttributesCount, VARINT);
  writer.int64(record.droppedAttributesCount);
  const span = record.spanContext;
  if (span?.traceFlags) {
    writer.tag(LOG_RECORD.flags, FIXED32);
    writer.fixed32(span.traceFlags);
  }
  if (span?.traceId) {
    writer.tag(LOG_RECORD.traceId, LENGTH_DELIMITED);
    writer.bytes(hexBytes(span.traceId));
  }
  if (span?.spanId) {
    writer.tag(LOG_RECORD.spanId, LENGTH_DELIMITED);
    writer.bytes(hexBytes(span.spanId));
  }
  writer.tag(LOG_RECORD.observedTimeUnixNano, FIXED64);
  // Usually the same time (secotel's records observe a fact when it happens): its 8 bytes are copied.
  const observed = record.hrTimeObserved;
  if (observed[0] === record.hrTime[0] && observed[1] === record.hrTime[1]) writer.again(time, 8);
  else writeTimestamp(writer, observed);
  if (record.eventName) repeats.eventName(record.eventName);
  repeats.flush();
  if (writer.end(start, RECORD)) repeats.forget();
}

/** Severity number and text, and the body: the fields between the record's time and its attributes. */
function writeHead(writer: ProtobufWriter, record: ReadableLogRecord): void {
  // SEVERITY_NUMBER_UNSPECIFIED (0) is the default, left out.
  if (record.severityNumber !== undefined && record.severityNumber !== 0) {
    writer.tag(LOG_RECORD.severityNumber, VARINT);
    writer.int64(record.severityNumber);
  }
  if (record.severityText) {
    writer.tag(LOG_RECORD.severityText, LENGTH_DELIMITED);
    writer.string(record.severityText);
  }
  if (record.body !== undefined) {
    writer.tag(LOG_RECORD.body, LENGTH_DELIMITED);
    const bodyStart = writer.begin(SMALL);
    writeAnyValue(writer, record.body);
    writer.end(bodyStart, SMALL);
  }
}

/** A scalar a run of fields is remembered by: compared with ===, so 403 and '403' are different values. */
type Scalar = string | number | boolean | undefined;

/** A run of fields as last written: its value, and where its bytes are in the request being written. */
interface Repeated {
  value: Scalar;
  at: number;
  length: number;
}

/** An attribute's run, found by its key. */
interface RepeatedPair extends Repeated {
  readonly key: string;
}

/** The head's run is remembered by its string body and its severity. */
interface RepeatedHead extends Repeated {
  severityNumber: number | undefined;
  severityText: string | undefined;
}

const NOWHERE = -1;

/**
 * The records of one scope group mostly repeat their fields: the event's severity, name and template text, and
 * attribute values (the client's address, the route, the User-Agent, the category). Per run of fields (the head,
 * each attribute key, the event name), its last value and where it was written; when a record has the same value,
 * those bytes are copied from the earlier record instead of encoded, and runs copied one after another from one
 * place are copied at once. A run whose value changes from record to record (a user name) costs one comparison.
 * Positions are the writer's, valid until a message around them moves: a record whose length took another number
 * of bytes than reserved (smaller than 128 bytes, or 16 KiB and more) forgets them all.
 */
class Repeats {
  private readonly pairs = new Map<string, RepeatedPair>();
  /**
   * The pair found at each position of the record before: records of one event list their attributes in one
   * order, so the key there is usually the same, and comparing it spares a look-up in `pairs`.
   */
  private readonly pairAt: (RepeatedPair | undefined)[] = [];
  private readonly lastHead: RepeatedHead = {
    value: undefined,
    at: NOWHERE,
    length: 0,
    severityNumber: undefined,
    severityText: undefined,
  };
  private readonly lastEventName: Repeated = { value: undefined, at: NOWHERE, length: 0 };
  /** Bytes to copy, from copyStart to copyEnd, not written yet. */
  private copyStart = NOWHERE;
  private copyEnd = NOWHERE;

  constructor(private readonly writer: ProtobufWriter) {}

  /** writeHead's fields; remembered when the body is a string. */
  head(record: ReadableLogRecord): void {
    const { body, severityNumber, severityText } = record;
    const last = this.lastHead;
    if (typeof body !== 'string') {
      this.flush();
      writeHead(this.writer, record);
      return;
    }
    if (
      last.at !== NOWHERE &&
      last.value === body &&
      last.severityNumber === severityNumber &&
      last.severityText === severityText
    ) {
      this.copy(last);
      return;
    }
    this.flush();
    const start = this.writer.pos;
    writeHead(this.writer, record);
    this.wrote(last, body, start);
    last.severityNumber = severityNumber;
    last.severityText = severityText;
  }

  eventName(eventName: string): void {
    const last = this.lastEventName;
    if (last.at !== NOWHERE && last.value === eventName) {
      this.copy(last);
      return;
    }
    this.flush();
    const start = this.writer.pos;
    this.writer.tag(LOG_RECORD.eventName, LENGTH_DELIMITED);
    this.writer.string(eventName);
    this.wrote(last, eventName, start);
  }

  /** A record's attributes, as writeAttributes writes them. */
  attributes(attributes: Attributes): void {
    const writer = this.writer;
    let position = 0;
    for (const key in attributes) {
      // biome-ignore lint/suspicious/noPrototypeBuiltins: see writeAttributes
      if (!Object.prototype.hasOwnProperty.call(attributes, key)) continue;
      const value = attributes[key];
      const type = typeof value;
      const scalar = type === 'string' || type === 'number' || type === 'boolean';
      const pair = scalar ? this.pairFor(key, position) : undefined;
      position++;
      if (pair !== undefined && pair.at !== NOWHERE && pair.value === value) {
        this.copy(pair);
        continue;
      }
      this.flush();
      const start = writer.pos;
      writer.tag(LOG_RECORD.attributes, LENGTH_DELIMITED);
      writeKeyValue(writer, key, value);
      if (pair !== undefined) this.wrote(pair, value as Scalar, start);
      else if (scalar) this.remember(key, position - 1, value as Scalar, start);
    }
  }

  /** The pair of `key`, looked for first where the record before had it. */
  private pairFor(key: string, position: number): RepeatedPair | undefined {
    const there = this.pairAt[position];
    if (there !== undefined && there.key === key) return there;
    const pair = this.pairs.get(key);
    if (pair !== undefined) this.pairAt[position] = pair;
    return pair;
  }

  private remember(key: string, position: number, value: Scalar, start: number): void {
    const pair = { key, value, at: start, length: this.writer.pos - start };
    this.pairs.set(key, pair);
    this.pairAt[position] = pair;
  }

  /** Writes the bytes still to copy. */
  flush(): void {
    if (this.copyStart === NOWHERE) return;
    this.writer.again(this.copyStart, this.copyEnd - this.copyStart);
    this.copyStart = NOWHERE;
  }

  /** Forgets every position (the messages holding them moved). */
  forget(): void {
    for (const pair of this.pairs.values()) pair.at = NOWHERE;
    this.lastHead.at = NOWHERE;
    this.lastEventName.at = NOWHERE;
  }

  /** Queues a run's bytes for copying, and remembers it where the copy will be (the nearest copy to take next). */
  private copy(run: Repeated): void {
    if (this.copyStart !== NOWHERE && run.at === this.copyEnd) {
      const destination = this.writer.pos + (this.copyEnd - this.copyStart);
      this.copyEnd += run.length;
      run.at = destination;
      return;
    }
    this.flush();
    this.copyStart = run.at;
    this.copyEnd = run.at + run.length;
    run.at = this.writer.pos;
  }

  private wrote(run: Repeated, value: Scalar, start: number): void {
    run.value = value;
    run.at = start;
    run.length = this.writer.pos - start;
  }
}

/** Own enumerable entries as repeated KeyValue under `field`. */
function writeAttributes(writer: ProtobufWriter, attributes: Attributes, field: number): void {
  for (const key in attributes) {
    // biome-ignore lint/suspicious/noPrototypeBuiltins: V8 optimises this spelling inside a for-in, not Object.hasOwn (about 7% of a record's encoding)
    if (!Object.prototype.hasOwnProperty.call(attributes, key)) continue;
    writer.tag(field, LENGTH_DELIMITED);
    writeKeyValue(writer, key, attributes[key]);
  }
}

function writeKeyValue(writer: ProtobufWriter, key: string, value: unknown): void {
  const start = writer.begin(SMALL);
  writer.tag(KEY_VALUE.key, LENGTH_DELIMITED);
  writer.string(key);
  writer.tag(KEY_VALUE.value, LENGTH_DELIMITED);
  const valueStart = writer.begin(SMALL);
  writeAnyValue(writer, value);
  writer.end(valueStart, SMALL);
  writer.end(start, SMALL);
}

/** The AnyValue's content; a value of no OTLP type (undefined, null, a function) is an empty AnyValue. */
function writeAnyValue(writer: ProtobufWriter, value: unknown): void {
  switch (typeof value) {
    case 'string':
      writer.tag(ANY_VALUE.string, LENGTH_DELIMITED);
      writer.string(value);
      return;
    case 'boolean':
      writer.tag(ANY_VALUE.bool, VARINT);
      writer.uint32(value ? 1 : 0);
      return;
    case 'number':
      if (Number.isInteger(value) && value >= MIN_INT64 && value < MAX_INT64) {
        writer.tag(ANY_VALUE.int, VARINT);
        writer.int64(value);
      } else {
        writer.tag(ANY_VALUE.double, FIXED64);
        writer.double(value);
      }
      return;
    case 'object':
      if (value !== null) writeContainer(writer, value);
      return;
    default:
  }
}

function writeContainer(writer: ProtobufWriter, value: object): void {
  if (value instanceof Uint8Array) {
    writer.tag(ANY_VALUE.bytes, LENGTH_DELIMITED);
    writer.bytes(value);
    return;
  }
  const isArray = Array.isArray(value);
  writer.tag(isArray ? ANY_VALUE.array : ANY_VALUE.kvlist, LENGTH_DELIMITED);
  const start = writer.begin(SMALL);
  if (isArray) {
    for (const item of value as readonly unknown[]) {
      writer.tag(VALUES, LENGTH_DELIMITED);
      const itemStart = writer.begin(SMALL);
      writeAnyValue(writer, item);
      writer.end(itemStart, SMALL);
    }
  } else {
    writeAttributes(writer, value as Attributes, VALUES);
  }
  writer.end(start, SMALL);
}

/**
 * Nanoseconds since the epoch as fixed64. seconds * 1e9 + nanoseconds passes 2^53, so it is summed from parts that
 * stay exact: seconds = upper * 2^16 + lower.
 */
function writeTimestamp(writer: ProtobufWriter, [seconds, nanoseconds]: HrTime): void {
  const lower = (seconds & 0xffff) * 1e9 + nanoseconds;
  const upper = ((seconds / 0x1_0000) >>> 0) * 1e9;
  const low = (upper % 0x1_0000) * 0x1_0000 + (lower % TWO_TO_32);
  const high = Math.floor(upper / 0x1_0000) + Math.floor(lower / TWO_TO_32) + Math.floor(low / TWO_TO_32);
  writer.fixed64(low % TWO_TO_32, high);
}

/**
 * A trace or span id's bytes. Ids are validated hex where secotel makes records; any other character is read as
 * OpenTelemetry's encoder reads it (its code minus 55), so that both write the same bytes for any record.
 */
function hexBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = (hexDigit(hex.charCodeAt(2 * i)) << 4) | hexDigit(hex.charCodeAt(2 * i + 1));
  }
  return bytes;
}

function hexDigit(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return code - 0x37;
}
