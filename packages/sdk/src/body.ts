import type { SecurityAttributeValue } from '@secotel/semconv';

const PLACEHOLDER = /\{([^{}]+)\}/g;
const OPTIONAL_PART = /\[([^[\]]*)\]/g;

/**
 * Renders an event's body template (spec/security-events.yaml) with the record's attributes. `{key}` is
 * replaced by the attribute's value; a `[...]` part is kept only when every placeholder inside it has a value,
 * so "login failed[ for {user.name}]" reads well with and without a user name.
 */
export function renderBody(template: string, attributes: Readonly<Record<string, SecurityAttributeValue>>): string {
  const fill = (text: string): string | undefined => {
    let complete = true;
    const filled = text.replace(PLACEHOLDER, (_, key: string) => {
      const value = attributes[key];
      if (value === undefined) {
        complete = false;
        return '';
      }
      return Array.isArray(value) ? value.join(', ') : String(value);
    });
    return complete ? filled : undefined;
  };
  const withOptionals = template.replace(OPTIONAL_PART, (_, part: string) => fill(part) ?? '');
  return withOptionals.replace(PLACEHOLDER, (_, key: string) => {
    const value = attributes[key];
    return value === undefined ? '' : Array.isArray(value) ? value.join(', ') : String(value);
  });
}
