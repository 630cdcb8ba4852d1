/**
 * The body template grammar (spec/README.md): literal text with `{attribute.key}` placeholders, where
 * `[ ... ]` marks an optional segment that holds at least one placeholder and no other segment.
 *
 * Returns every placeholder with whether it sits inside an optional segment; throws an Error that says what is
 * wrong with a malformed template.
 */
export function parseBodyTemplate(template) {
  const placeholders = [];
  let segmentStart = -1;
  let segmentHasPlaceholder = false;
  for (let index = 0; index < template.length; index++) {
    const char = template[index];
    if (char === '[') {
      if (segmentStart >= 0) throw new Error(`optional segment opened at ${index} inside another one`);
      segmentStart = index;
      segmentHasPlaceholder = false;
    } else if (char === ']') {
      if (segmentStart < 0) throw new Error(`"]" at ${index} closes no optional segment`);
      if (!segmentHasPlaceholder) throw new Error(`optional segment at ${segmentStart} has no placeholder`);
      segmentStart = -1;
    } else if (char === '{') {
      const end = template.indexOf('}', index);
      if (end < 0) throw new Error(`placeholder opened at ${index} is never closed`);
      const key = template.slice(index + 1, end);
      if (!/^[^\s{}[\]]+$/.test(key))
        throw new Error(`placeholder at ${index} is not an attribute key: "{${key}}"`);
      placeholders.push({ key, optional: segmentStart >= 0 });
      segmentHasPlaceholder = true;
      index = end;
    } else if (char === '}') {
      throw new Error(`"}" at ${index} closes no placeholder`);
    }
  }
  if (segmentStart >= 0) throw new Error(`optional segment opened at ${segmentStart} is never closed`);
  return placeholders;
}
