import type { SecurityAttributeValue } from '@secotel/semconv';

type Attributes = Readonly<Record<string, SecurityAttributeValue | undefined>>;

/** A template parsed once: literal text, `{key}` placeholders, and `[...]` segments of text and placeholders. */
type Part = string | { readonly key: string } | { readonly segment: readonly Part[] };

const TOKEN = /\{([^{}[\]]+)\}|\[([^[\]]*)\]|[^{[]+|[{[]/g;
const compiled = new Map<string, readonly Part[]>();

/** Absent, empty strings and empty arrays have no value (spec/README.md, "Body templates"). */
function textOf(value: SecurityAttributeValue | undefined): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map(String).join(', ');
  return String(value);
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

/**
 * Renders an event's body template with the record's attributes. `{key}` is replaced by the attribute's value;
 * a `[...]` segment is written only when every placeholder inside it has a value. A required placeholder outside
 * a segment that has no value stays as the literal `{key}`, so the gap is visible. Templates are parsed once.
 */
export function renderBody(template: string, attributes: Attributes): string {
  let parts = compiled.get(template);
  if (parts === undefined) {
    parts = parse(template);
    // Templates come from the event model (a fixed set); the bound only guards against misuse.
    if (compiled.size < 1_024) compiled.set(template, parts);
  }
  return write(parts, attributes, false) ?? '';
}
