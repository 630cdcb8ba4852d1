// Case-insensitive groups written out, so that patterns run the same on every engine secotel uses.

const isLetter = (char: string) => /^[A-Za-z]$/.test(char);
const otherCase = (char: string) => (char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase());

/**
 * Every `(?i:...)` becomes a plain group in which each ASCII letter x is `[xX]` (in a class: both cases added).
 * The rules' patterns fold ASCII only: RE2's (?i) would also fold U+212A KELVIN SIGN and U+017F into k and s, and
 * JavaScript engines before V8 12.4 (Node 22) have no inline modifiers at all. For ASCII letters the result
 * matches exactly what a native non-Unicode `(?i:...)` matches.
 */
export function foldAsciiCase(pattern: string): string {
  if (!pattern.includes('(?i:')) return pattern;
  let out = '';
  const groups: boolean[] = [];
  let folding = 0;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string;
    if (char === '\\' && i + 1 < pattern.length) {
      out += pattern.slice(i, i + 2);
      i++;
    } else if (char === '[') {
      const end = classEnd(pattern, i);
      const klass = pattern.slice(i, end + 1);
      out += folding > 0 ? foldClass(klass) : klass;
      i = end;
    } else if (pattern.startsWith('(?i:', i)) {
      groups.push(true);
      folding++;
      out += '(?:';
      i += 3;
    } else if (char === '(') {
      groups.push(false);
      out += char;
    } else if (char === ')') {
      if (groups.pop() === true) folding--;
      out += char;
    } else if (folding > 0 && isLetter(char)) {
      out += `[${char}${otherCase(char)}]`;
    } else {
      out += char;
    }
  }
  return out;
}

/** The index of the `]` that closes the class opened at `start` (a `]` first in the class is literal). */
function classEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  for (; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']') return i;
  }
  return pattern.length - 1;
}

/** Adds the other case of every ASCII letter and letter range of a character class. */
function foldClass(klass: string): string {
  let body = klass.slice(1, -1);
  let out = '[';
  if (body.startsWith('^')) {
    out += '^';
    body = body.slice(1);
  }
  let extra = '';
  for (let i = 0; i < body.length; i++) {
    const char = body[i] as string;
    if (char === '\\' && i + 1 < body.length) {
      out += body.slice(i, i + 2);
      i++;
      continue;
    }
    if (i + 2 < body.length && body[i + 1] === '-' && body[i + 2] !== '\\') {
      const high = body[i + 2] as string;
      out += body.slice(i, i + 3);
      const sameCase = (char === char.toUpperCase()) === (high === high.toUpperCase());
      if (isLetter(char) && isLetter(high) && sameCase) extra += `${otherCase(char)}-${otherCase(high)}`;
      i += 2;
      continue;
    }
    out += char;
    if (isLetter(char)) extra += otherCase(char);
  }
  return `${out}${extra}]`;
}
