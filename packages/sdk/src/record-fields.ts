import type { AnyValue, HrTime } from '@opentelemetry/api';
import type { SecurityAttributeValue, SecurityEventDefinition } from '@secotel/semconv';
// The module itself, not the package's index, which loads the attribute constants too.
import { SEVERITY_NUMBER_BY_LEVEL } from '@secotel/semconv/events';
import { hrTimeOf, type SecurityLogFields } from './pipeline/security-log-record';

type Attributes = Record<string, SecurityAttributeValue>;

/** How the event recorder redacts a record: the body first (a template renders the caller's values), then them. */
export interface RecordRedaction {
  body(event: SecurityEventDefinition, given: unknown, attributes: Readonly<Attributes>): unknown;
  /** Redacts the record's own attributes object in place. */
  attributes(attributes: Attributes): void;
}

/**
 * A record's fields whose body and attributes are redacted when first read (by the export queue, an exporter, the
 * exit flush, or the recorder's settling turn right after the caller's code), not inside the caller's emit. Only
 * what nobody can change meanwhile waits: the attributes object is the record's own and neither its values nor the
 * given body are objects (the recorder settles a record holding one at once: the redactor's walk copies it).
 */
export class RecordFields implements SecurityLogFields {
  readonly hrTime: HrTime;
  readonly eventName: string;
  readonly severityNumber: number;
  readonly severityText: string;
  private redaction: RecordRedaction | undefined;
  private redactedBody: unknown;

  constructor(
    private readonly event: SecurityEventDefinition,
    now: number,
    private given: unknown,
    private readonly own: Attributes,
    redaction: RecordRedaction,
  ) {
    this.hrTime = hrTimeOf(now);
    this.eventName = event.eventName;
    this.severityNumber = SEVERITY_NUMBER_BY_LEVEL[event.level];
    this.severityText = event.level;
    this.redaction = redaction;
  }

  get body(): AnyValue {
    this.settle();
    return this.redactedBody as AnyValue;
  }

  get attributes(): Record<string, AnyValue> {
    this.settle();
    return this.own as Record<string, AnyValue>;
  }

  /** Redacts the body and attributes unless done already. */
  settle(): void {
    const redaction = this.redaction;
    if (redaction === undefined) return;
    this.redactedBody = redaction.body(this.event, this.given, this.own);
    redaction.attributes(this.own);
    // Only now: were the redactor ever to throw, nothing unredacted could be read.
    this.redaction = undefined;
    this.given = undefined;
  }
}

/** Whether a record holds an object a caller could still change (its body, or an attribute's value). */
export function holdsObjects(given: unknown, attributes: Readonly<Attributes>): boolean {
  if (typeof given === 'object' && given !== null) return true;
  for (const key in attributes) {
    const value = attributes[key];
    if (typeof value === 'object' && value !== null) return true;
  }
  return false;
}
