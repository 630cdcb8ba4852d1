import type { SecurityAttributeValue } from '@secotel/semconv';
import { neutraliseControls } from './redaction/sanitize';

type Attributes = Readonly<Record<string, SecurityAttributeValue | undefined>>;

/** Invisible characters that would let `ad\u200bmin` read as `admin` in a log line: removed from body fields. */
const INVISIBLE = /[\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff]/g;
/** Anything but printable ASCII other than the backslash: what bodyField may have to change. */
const NEEDS_WORK = /[^\x20-\x5b\x5d-\x7e]/;

/**
 * One field of a body line, made safe on its own before it joins the template: invisible characters removed,
 * the backslash doubled (so a value's literal `\n` and an escaped line break stay different), then control
 * characters escaped, terminal sequences included, so that no sequence can reach into the template text after it.
 */
export function bodyField(text: string): string {
  // The common case, printable ASCII without a backslash, has nothing to remove, double or escape.
  if (!NEEDS_WORK.test(text)) return text;
  return neutraliseControls(text.replace(INVISIBLE, '').replaceAll('\\', '\\\\'));
}

/** A template parsed once: literal text, `{key}` placeholders, and `[...]` segments of text and placeholders. */
type Part = string | { readonly key: string } | { readonly segment: readonly Part[] };

const TOKEN = /\{([^{}[\]]+)\}|\[([^[\]]*)\]|[^{[]+|[{[]/g;
const compiled = new Map<string, readonly Part[]>();

/**
 * Absent, empty strings and empty arrays have no value (spec/README.md, "Body templates"); neither have objects,
 * which have no sentence form (their attribute keeps them).
 */
function textOf(value: unknown): string | undefined {
  if (value === '' || value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    const items = value.map(scalarText).filter((item) => item !== undefined);
    return items.length === 0 ? undefined : items.join(', ');
  }
  return scalarText(value);
}

function scalarText(value: unknown): string | undefined {
  const type = typeof value;
  if (type === 'string') return bodyField(value as string);
  return type === 'number' || type === 'boolean' || type === 'bigint' ? String(value) : undefined;
}

function parse(template: string, insideSegment = false): Part[] {
  const parts: Part[] = [];
  for (const [token, key, segment] of template.matchAll(TOKEN)) {
    if (key !== undefined) parts.push({ key });
    else if (segment !== undefined && !insideSegment) parts.push({ segment: parse(segment, true) });
    else parts.push(token);
  }
  return parts;
}

/** Writes the parts; returns undefined when a segment's placeholder has no value. */
function write(parts: readonly Part[], attributes: Attributes, inSegment: boolean): string | undefined {
  let text = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      text += part;
    } else if ('key' in part) {
      const value = textOf(attributes[part.key]);
      if (value === undefined && inSegment) return undefined;
      text += value ?? `{${part.key}}`;
    } else {
      text += write(part.segment, attributes, true) ?? '';
    }
  }
  return text;
}

/** The parts of a template, parsed once. */
function partsOf(template: string): readonly Part[] {
  let parts = compiled.get(template);
  if (parts === undefined) {
    parts = parse(template);
    // Templates come from the event model (a fixed set); the bound only guards against misuse.
    if (compiled.size < 1_024) compiled.set(template, parts);
  }
  return parts;
}

/** The keys of a template's placeholders: a record that sets none of them renders the template's own text. */
export function placeholderKeys(template: string): string[] {
  const keys: string[] = [];
  const collect = (parts: readonly Part[]): void => {
    for (const part of parts) {
      if (typeof part === 'string') continue;
      if ('key' in part) keys.push(part.key);
      else collect(part.segment);
    }
  };
  collect(partsOf(template));
  return keys;
}

/**
 * Renders an event's body template with the record's attributes. `{key}` is replaced by the attribute's value;
 * a `[...]` segment is written only when every placeholder inside it has a value. A required placeholder outside
 * a segment that has no value stays as the literal `{key}`, so the gap is visible. Templates are parsed once.
 */
export function renderBody(template: string, attributes: Attributes): string {
  return write(partsOf(template), attributes, false) ?? '';
}
