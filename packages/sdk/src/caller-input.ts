import type { EmitOptions, SecurityAttributes } from '@secotel/semconv';
import { unsupportedMarker } from './redaction/walker';
import type { SelfReport } from './self-report';

/** Where a string (or any other non-object) passed in place of the attributes object is kept. */
const LOOSE_ATTRIBUTES_KEY = 'security.reason';

/**
 * The caller's attributes as a plain object of their own values, read without ever throwing: a string or
 * array passed instead of an object is kept under security.reason (and then redacted like any value), a
 * throwing getter gives its attribute the unsupported marker, and an object whose keys cannot be read (a
 * hostile proxy) gives none. Values are not copied here: the redactor does that, bounded.
 */
export function readAttributes(own: unknown, report: SelfReport): SecurityAttributes | undefined {
  if (own === undefined || own === null) return undefined;
  if (typeof own !== 'object' || Array.isArray(own)) {
    report.problem(
      'attributes_not_an_object',
      'a security event was given attributes that are not an object',
    );
    return { [LOOSE_ATTRIBUTES_KEY]: typeof own === 'object' ? (own as string[]) : safeString(own) };
  }
  let keys: string[];
  try {
    keys = Object.keys(own);
  } catch (error) {
    report.problem('unreadable_attributes', 'the attributes of a security event could not be read', error);
    return undefined;
  }
  const copy: Record<string, unknown> = {};
  for (const key of keys) {
    try {
      copy[key] = (own as Record<string, unknown>)[key];
    } catch {
      copy[key] = unsupportedMarker('object');
    }
  }
  return copy as SecurityAttributes;
}

/** The body option, or undefined when there is none or it cannot be read. */
export function readBody(options: EmitOptions | undefined, report: SelfReport): unknown {
  if (options === undefined || options === null || typeof options !== 'object') return undefined;
  try {
    return options.body;
  } catch (error) {
    report.problem('unreadable_body', 'the body option of a security event could not be read', error);
    return unsupportedMarker('object');
  }
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return unsupportedMarker(typeof value === 'symbol' ? 'symbol' : 'object');
  }
}
