/** The hand-written types the generated event model is built on. */

/** An OWASP level; it is the record's severityText. */
export type SecurityLevel = 'INFO' | 'WARN' | 'CRITICAL';

type AttributeScalar = string | number | boolean;
export type SecurityAttributeValue = AttributeScalar | readonly AttributeScalar[];
/** An event's attributes by key; an undefined value is left out of the record. */
export type SecurityAttributes = Record<string, SecurityAttributeValue | undefined>;

export interface EmitOptions {
  /** A body to use instead of the one rendered from the event's template. */
  body?: string;
}

/** One event of spec/security-events.yaml. */
export interface SecurityEventDefinition {
  /** Short name, e.g. 'authn_login_fail'. */
  readonly name: string;
  /** The record's EventName: 'security.' + name. */
  readonly eventName: string;
  /** The first word of the name, e.g. 'authn'. */
  readonly category: string;
  readonly level: SecurityLevel;
  /** True for the OWASP Logging Vocabulary, false for secotel's own extensions. */
  readonly owasp: boolean;
  readonly description: string;
  /** The body template; its grammar is in spec/README.md. */
  readonly body: string;
  /** Attributes the fact is meaningless without. */
  readonly required: readonly string[];
  readonly optional: readonly string[];
}
