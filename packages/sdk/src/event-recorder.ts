import type {
  EmitOptions,
  SecurityAttributeValue,
  SecurityEventDefinition,
  SecurityEventName,
} from '@secotel/semconv';
// The module itself, not the package's index, which loads the attribute constants too.
import { SECURITY_EVENT_NAMES, SECURITY_EVENTS } from '@secotel/semconv/events';
import { bodyField, placeholderKeys, renderBody } from './body';
import { readAttributes, readBody } from './caller-input';
import { getSecurityContext } from './context';
import type { IdentityPolicy } from './identity';
import type { RateCap } from './pipeline/rate-cap';
import type { SecurityLogFields } from './pipeline/security-log-record';
import { holdsObjects, RecordFields, type RecordRedaction } from './record-fields';
import type { Redactor } from './redaction';
import type { SelfReport } from './self-report';

const PREFIX = 'security.';
const NO_ATTRIBUTES: Readonly<Record<string, SecurityAttributeValue>> = Object.freeze({});

/** Every event under both of its spellings: one look-up per emit, a folded one included. */
const EVENTS_BY_NAME: ReadonlyMap<string, SecurityEventDefinition> = new Map(
  SECURITY_EVENT_NAMES.flatMap((name) => [
    [name, SECURITY_EVENTS[name]],
    [`${PREFIX}${name}`, SECURITY_EVENTS[name]],
  ]),
);

/** Finds an event by its short name (`authn_login_fail`) or full EventName (`security.authn_login_fail`). */
export function lookupEvent(name: unknown): SecurityEventDefinition | undefined {
  return typeof name === 'string' ? EVENTS_BY_NAME.get(name) : undefined;
}

/** An event's template without any value in it. */
interface TemplateText {
  readonly own: string;
  /** The template's placeholders: a record that sets none of them renders `own`. */
  readonly keys: readonly string[];
  /** Whether redaction leaves `own` as it is. */
  readonly clean: boolean;
}

function noneSet(keys: readonly string[], attributes: Readonly<Record<string, unknown>>): boolean {
  for (const key of keys) if (attributes[key] !== undefined) return false;
  return true;
}

function allSet(keys: readonly string[], attributes: Readonly<Record<string, unknown>>): boolean {
  for (const key of keys) if (attributes[key] === undefined) return false;
  return true;
}

/** secotel's own facts: the template rendered from secotel's values, nothing to redact (see recordOwn). */
const OWN_FACT: RecordRedaction = {
  body: (event, _given, attributes) => renderBody(event.body, attributes),
  attributes: () => {},
};

/** The one error the security API throws into the application, and only outside production. */
export class UnknownSecurityEventError extends TypeError {}

/**
 * A programming error in development (the developer sees it at once), a counted drop in production (an
 * instrumentation mistake must never take the service down).
 */
export function rejectUnknownEvent(name: unknown, production: boolean, report: SelfReport): void {
  const message = `unknown security event ${JSON.stringify(name)}; valid names: ${SECURITY_EVENT_NAMES.join(', ')}`;
  if (!production) throw new UnknownSecurityEventError(`secotel: ${message}`);
  report.problem('unknown_event_name', message);
}

/**
 * Turns one security fact into one OpenTelemetry log record, unless the rate cap folds it (asked first, so that
 * a folded fact costs nothing more). The caller's attributes are read once into the record's own object; the
 * redactor then reads them, bounded (a million-item array is cut before it is walked), replaces what cannot be
 * represented by markers, and returns copies, so a caller changing its objects afterwards cannot change (or leak
 * into) the queued record. A record holding none of the caller's objects (strings, numbers and booleans only,
 * the usual case) is redacted when first read instead of inside the caller's emit: by an exporter, the exit
 * flush, or at the latest in the event loop's check phase right after the caller's code (see RecordFields).
 * Nothing reads a record unredacted: its body and attributes are only reachable through the redaction.
 */
export class EventRecorder {
  constructor(
    /** secotel's own logger, or the global one when secotel runs inside the application's LoggerProvider. */
    private readonly logger: { emit(fields: SecurityLogFields): void },
    private readonly identity: IdentityPolicy,
    /** Built on first use: see recordOwn. */
    private readonly redactor: () => Redactor,
    private readonly rateCap: RateCap,
    private readonly report: SelfReport,
    private readonly production: boolean,
  ) {}

  /** Per event (a fixed set, from the event model): its template's own text, see templateBody. */
  private readonly templateTexts = new Map<SecurityEventDefinition, TemplateText>();

  record(name: unknown, own: unknown, options: EmitOptions | undefined): void {
    const event = lookupEvent(name);
    if (event === undefined) {
      rejectUnknownEvent(name, this.production, this.report);
      return;
    }
    const context = getSecurityContext();
    // Recorded for the request even when folded: the automatic layers must not add the same fact again.
    if (context !== undefined) {
      context.recorded ??= [];
      if (!context.recorded.includes(event.name)) context.recorded.push(event.name);
    }
    // One clock read for the cap and the record's time (a fact is stamped when it is reported).
    const now = this.rateCap.now();
    if (!this.rateCap.admit(event.eventName, now)) return;
    const attributes = this.described(
      event,
      this.identity.attributesFor(context, readAttributes(own, this.report)),
    );
    const body = readBody(options, this.report);
    const fields = new RecordFields(event, now, body, attributes, this.redaction);
    // An object the caller could still change is redacted (so copied) now; the rest right after the caller's code.
    if (holdsObjects(body, attributes)) fields.settle();
    else if (this.unsettled.push(fields) === 1) setImmediate(this.settleAll).unref();
    this.logger.emit(fields);
  }

  /** The records redacted on read that no one has read yet. */
  private unsettled: RecordFields[] = [];

  /**
   * Settles the records of the turn of the event loop that recorded them, so that the caller's values (which
   * may be slices keeping larger strings alive) are held no longer than that, whenever the export happens.
   */
  private readonly settleAll = (): void => {
    const unsettled = this.unsettled;
    this.unsettled = [];
    // Run by the event loop, not by the caller: nothing may escape into the application. A record that could not
    // be redacted stays unreadable (its readers fail, and its export is counted as lost).
    for (const fields of unsettled) this.report.guard('redaction', () => fields.settle());
  };

  private readonly redaction: RecordRedaction = {
    body: (event, given, attributes) => {
      const redactor = this.redactor();
      if (given === undefined) return this.templateBody(event, attributes, redactor);
      return redactor.redactValue(typeof given === 'string' ? bodyField(given) : given);
    },
    // The attributes object is the record's own (made by the identity policy), so it is redacted in place.
    attributes: (attributes) => this.redactor().redactOwnAttributes(attributes),
  };

  /**
   * The body rendered from the event's template, redacted. A body into which no attribute value went is the
   * template's own text (`access denied` for every refusal that names no resource and no user): it is redacted
   * once per event, not per record, and when none of the template's placeholders is set it is not even
   * rendered. Redaction is a function of the text alone, so the result is the same; only text the redactor left
   * unchanged is kept, so that its counts of redactions stay counts per record.
   */
  private templateBody(
    event: SecurityEventDefinition,
    attributes: Readonly<Record<string, SecurityAttributeValue>>,
    redactor: Redactor,
  ): unknown {
    let template = this.templateTexts.get(event);
    let firstRedacted: unknown;
    if (template === undefined) {
      const own = renderBody(event.body, NO_ATTRIBUTES);
      firstRedacted = redactor.redactValue(own);
      template = { own, keys: placeholderKeys(event.body), clean: firstRedacted === own };
      this.templateTexts.set(event, template);
    }
    if (template.clean && noneSet(template.keys, attributes)) return template.own;
    const text = renderBody(event.body, attributes);
    if (text !== template.own) return redactor.redactValue(text);
    if (template.clean) return template.own;
    return firstRedacted ?? redactor.redactValue(text);
  }

  /**
   * One of secotel's own facts about the process, whose every value is secotel's (see LifecycleRecorder.own):
   * no caller's value and no request's context goes into it, so there is nothing to redact, and a process whose
   * only records are these never builds the redactor.
   */
  recordOwn(name: SecurityEventName, attributes: Readonly<Record<string, SecurityAttributeValue>>): void {
    const event = SECURITY_EVENTS[name];
    const now = this.rateCap.now();
    if (!this.rateCap.admit(event.eventName, now)) return;
    const own = this.described(event, { ...attributes });
    this.logger.emit(new RecordFields(event, now, undefined, own, OWN_FACT));
  }

  /** The attributes with the event's category, a missing required one reported. */
  private described(
    event: SecurityEventDefinition,
    attributes: Record<string, SecurityAttributeValue>,
  ): Record<string, SecurityAttributeValue> {
    attributes['security.category'] = event.category;
    this.reportMissing(event, attributes);
    return attributes;
  }

  /** A missing attribute is the caller's mistake, but the fact still happened: it is recorded and reported. */
  private reportMissing(
    event: SecurityEventDefinition,
    attributes: Record<string, SecurityAttributeValue>,
  ): void {
    // No array and no closure for the common case, where nothing is missing.
    if (allSet(event.required, attributes)) return;
    const missing = event.required.filter((key) => attributes[key] === undefined);
    this.report.problem(
      'missing_required_attribute',
      `security event ${event.name} was recorded without required attribute(s) ${missing.join(', ')}`,
    );
  }
}
