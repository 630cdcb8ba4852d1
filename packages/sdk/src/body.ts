import type { SecurityAttributeValue } from '@secotel/semconv';

const PLACEHOLDER = /\{([^{}[\]]+)\}/g;
const SEGMENT = /\[([^[\]]*)\]/g;

type Attributes = Readonly<Record<string, SecurityAttributeValue | undefined>>;

/** Absent, empty strings and empty arrays have no value (spec/README.md, "Body templates"). */
function textOf(value: SecurityAttributeValue | undefined): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map(String).join(', ');
  return String(value);
}

/**
 * Renders an event's body template with the record's attributes. `{key}` is replaced by the attribute's value;
 * a `[...]` segment is written only when every placeholder inside it has a value. A required placeholder outside
 * a segment that has no value stays as the literal `{key}`, so the gap is visible.
 */
export function renderBody(template: string, attributes: Attributes): string {
  const withSegments = template.replace(SEGMENT, (_, segment: string) => {
    let complete = true;
    const filled = segment.replace(PLACEHOLDER, (_placeholder, key: string) => {
      const text = textOf(attributes[key]);
      if (text === undefined) complete = false;
      return text ?? '';
    });
    return complete ? filled : '';
  });
  return withSegments.replace(
    PLACEHOLDER,
    (placeholder, key: string) => textOf(attributes[key]) ?? placeholder,
  );
}
