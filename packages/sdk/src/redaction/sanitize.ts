/**
 * Log-injection defence: every control character is written out as an escape, so a value can neither start a
 * new log line nor repaint a terminal. Terminal sequences are escaped, not removed: removing one would also
 * remove its final byte, a letter, so `ESC[` before `password=...` would hide the key from the detectors.
 */

/** C0, DEL, C1, line/paragraph separators, bidirectional controls, and surrogates (for the lone-surrogate check). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters to neutralise
const SUSPICIOUS = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters to escape
const CONTROL = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;
const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** ES2024 string methods, present in every supported Node; the project compiles against the ES2023 library. */
interface WellFormedText {
  isWellFormed(): boolean;
  toWellFormed(): string;
}

function escapeControl(char: string): string {
  return SHORT_ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Lone surrogates become U+FFFD (as UTF-8 encoding would make them), then controls are written as escapes. */
export function neutraliseControls(text: string): string {
  if (!SUSPICIOUS.test(text)) return text;
  const checked = text as unknown as WellFormedText;
  const wellFormed = checked.isWellFormed() ? text : checked.toWellFormed();
  return wellFormed.replace(CONTROL, escapeControl);
}

/**
 * The UTF-16 index just past the first `limit` code points, or undefined when `text` has no more than `limit`
 * code points. Limits count code points because Go counts them the same way (runes); UTF-16 units it does not.
 */
export function codePointCut(text: string, limit: number): number | undefined {
  if (text.length <= limit) return undefined;
  let index = 0;
  for (let count = 0; count < limit && index < text.length; count++) {
    const code = text.charCodeAt(index);
    const pair = code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00;
    index += pair ? 2 : 1;
  }
  return index < text.length ? index : undefined;
}

export function codePointLength(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      count--;
      i++;
    }
  }
  return count;
}
