/**
 * Patterns must mean the same in JavaScript and in Go's RE2 so that the collector can apply the same rules.
 * This finds the constructs that one of the two lacks or reads differently.
 */

interface DialectOptions {
  /** Also reject `.` and `\s`, whose meaning differs slightly between the engines (the spec's own rules). */
  readonly strict: boolean;
}

/** A description of the first construct that is not portable, or undefined when the pattern is portable. */
export function findUnportableConstruct(source: string, options: DialectOptions): string | undefined {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') return `a backreference (\\${next})`;
      if (next === 'p' || next === 'P') return `a Unicode property escape (\\${next})`;
      if (options.strict && (next === 's' || next === 'S')) return `\\${next} (write the characters out)`;
      i++;
    } else if (inClass) {
      if (char === ']') inClass = false;
    } else if (char === '[') {
      inClass = true;
    } else if (char === '.' && options.strict) {
      return '. (write the characters out)';
    } else if (char === '(' && source[i + 1] === '?') {
      const group = unportableGroup(source.slice(i + 2, i + 5));
      if (group !== undefined) return group;
    }
  }
  return undefined;
}

/** Allowed group openings: (?: (?i: and (?<name>. */
function unportableGroup(after: string): string | undefined {
  if (after.startsWith(':') || after.startsWith('i:')) return undefined;
  if (after.startsWith('=') || after.startsWith('!')) return 'a lookahead (?= or (?!';
  if (after.startsWith('<=') || after.startsWith('<!')) return 'a lookbehind (?<= or (?<!';
  if (/^<[A-Za-z]/.test(after)) return undefined;
  return `the group modifier (?${after}`;
}

/**
 * Whether a `(?<secret>...)` group, if any, ends the pattern, followed at most by `\b` and a flat
 * `(?<after>...)` group: then the secret's place follows from the captured texts, without match indices.
 */
export function secretEndsPattern(source: string): boolean {
  const open = source.indexOf('(?<secret>');
  if (open === -1) return true;
  if (source.indexOf('(?<secret>', open + 1) !== -1) return false;
  const close = closingParenthesis(source, open);
  return (
    close !== undefined &&
    /^(?:\\b)?(?:\(\?<after>(?:[^()\\[]|\\.|\[(?:[^\]\\]|\\.)*\])*\))?$/.test(source.slice(close + 1))
  );
}

/** The index of the `)` that closes the group opened at `open`, skipping escapes and character classes. */
function closingParenthesis(source: string, open: number): number | undefined {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') i++;
    else if (inClass) inClass = char !== ']';
    else if (char === '[') inClass = true;
    else if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return i;
  }
  return undefined;
}

/** `text` as a pattern that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}
