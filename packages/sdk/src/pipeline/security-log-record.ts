import type { AnyValue, Attributes, HrTime, SpanContext } from '@opentelemetry/api';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { ProcessResource } from './resource';

/** Per record, as OpenTelemetry's logs SDK allows by default; attributes past it are counted as dropped. */
const ATTRIBUTE_COUNT_LIMIT = 128;

export interface InstrumentationScope {
  readonly name: string;
  readonly version: string;
}

/**
 * What the event recorder hands over: redacted, copied and bounded, or redacted when its body or attributes are
 * first read (see RecordFields in record-fields.ts).
 */
export interface SecurityLogFields {
  readonly eventName: string;
  readonly severityNumber: number;
  readonly severityText: string;
  readonly body: AnyValue;
  readonly attributes: Record<string, AnyValue>;
  /** When the fact happened and was observed; now when absent (records that come from another logger keep theirs). */
  readonly hrTime?: HrTime;
  readonly hrTimeObserved?: HrTime;
}

/**
 * One security record as every exporter reads it (OpenTelemetry's ReadableLogRecord shape). Never changed:
 * secotel's own processors only read it, so none of the logs SDK's per-attribute checks and copies are needed
 * (the redactor already returned fresh, valid values). Its body and attributes are read from the fields when
 * first asked for, so that fields redacted on read are redacted off the caller's path.
 */
export class SecurityLogRecord implements ReadableLogRecord {
  readonly hrTime: HrTime;
  readonly hrTimeObserved: HrTime;
  readonly eventName: string;
  readonly severityNumber: number;
  readonly severityText: string;
  private kept: Attributes | undefined;
  private dropped = 0;

  constructor(
    private readonly fields: SecurityLogFields,
    readonly spanContext: SpanContext | undefined,
    readonly resource: ProcessResource,
    readonly instrumentationScope: InstrumentationScope,
    now: number = Date.now(),
  ) {
    this.hrTime = fields.hrTime ?? hrTimeOf(now);
    this.hrTimeObserved = fields.hrTimeObserved ?? this.hrTime;
    this.eventName = fields.eventName;
    this.severityNumber = fields.severityNumber;
    this.severityText = fields.severityText;
  }

  get body(): AnyValue {
    return this.fields.body;
  }

  get attributes(): Attributes {
    return this.kept ?? this.limit();
  }

  get droppedAttributesCount(): number {
    if (this.kept === undefined) this.limit();
    return this.dropped;
  }

  private limit(): Attributes {
    // Log attributes may be any value (maps, arrays of maps), which the shared Attributes type does not spell.
    const attributes = this.fields.attributes as Attributes;
    const dropped = overLimit(attributes);
    this.kept = dropped === CLEAN ? attributes : bounded(attributes);
    this.dropped = dropped === CLEAN ? 0 : dropped;
    return this.kept;
  }
}

/** A time in milliseconds since the epoch as OpenTelemetry's [seconds, nanoseconds]. */
export function hrTimeOf(millis: number): HrTime {
  return [Math.trunc(millis / 1_000), (millis % 1_000) * 1_000_000];
}

/** What overLimit says of attributes that can be kept as they are (the usual case: no copy, no result object). */
const CLEAN = -1;

/** How many attributes are past the limit, or CLEAN when there are none and no key or value needs leaving out. */
function overLimit(attributes: Attributes): number {
  let kept = 0;
  let dropped = 0;
  let clean = true;
  for (const key in attributes) {
    if (key === '' || attributes[key] === undefined) clean = false;
    else if (kept < ATTRIBUTE_COUNT_LIMIT) kept++;
    else dropped++;
  }
  return clean && dropped === 0 ? CLEAN : dropped;
}

/** Leaves out undefined values and empty keys (not representable in OTLP) and keeps at most the limit. */
function bounded(attributes: Attributes): Attributes {
  const result: Attributes = {};
  let kept = 0;
  for (const key in attributes) {
    const value = attributes[key];
    if (key === '' || value === undefined || kept === ATTRIBUTE_COUNT_LIMIT) continue;
    result[key] = value;
    kept++;
  }
  return result;
}
