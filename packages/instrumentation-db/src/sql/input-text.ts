import type { RequestInput } from '@secotel/sdk';

/** Each check may rescan a literal, so a value found very often is judged on its first occurrences only. */
const MAX_OCCURRENCES = 64;

/** Values of at most two characters with none of these could not open a quote or comment or end a statement. */
const STRUCTURAL = /['"`\\#\-/*;$[\]]/;

/**
 * Inputs of one or two characters such as `1`, `a` or `id` occur in most queries by chance, and without a
 * quote, comment or separator character they cannot change a query's structure in any position worth reporting.
 */
function canCarryStructure(text: string): boolean {
  return text.length > 2 || STRUCTURAL.test(text);
}

/** One text to look for, and its lower-case form for the case-insensitive search. */
interface SearchText {
  readonly text: string;
  readonly folded: string;
}

/** An input's search texts, worked out once per input: a request's inputs meet each of its queries. */
const prepared = new WeakMap<RequestInput, readonly SearchText[]>();

/**
 * The texts an input may appear as in a query: its value without surrounding whitespace, the escaped forms of a
 * value holding a quote, and the decoded forms of one holding `%`; only those that can carry structure.
 */
export function searchTexts(input: RequestInput): readonly SearchText[] {
  let texts = prepared.get(input);
  if (texts === undefined) {
    const trimmed = input.value.trim();
    texts = [
      trimmed,
      ...(/['"]/.test(trimmed) ? escapedForms(trimmed) : []),
      ...(trimmed.includes('%') ? decodedForms(trimmed) : []),
    ]
      .filter(canCarryStructure)
      .map((text) => ({ text, folded: text.toLowerCase() }));
    prepared.set(input, texts);
  }
  return texts;
}

/**
 * What a value holding percent-escapes becomes after one or two more rounds of decoding: applications sometimes
 * decode again, so the query may hold the decoded text. Empty for values without `%`.
 */
function decodedForms(value: string): string[] {
  const forms: string[] = [];
  let current = value;
  while (forms.length < 2 && current.includes('%')) {
    const decoded = percentDecode(current);
    if (decoded === current) break;
    forms.push(decoded.trim());
    current = decoded;
  }
  return forms;
}

/**
 * The value as an application that escapes quotes would place it (`''`, `\'`, `""`, `\"`). Escaping the quotes
 * but not the backslash lets `\' OR 1=1-- ` through in MySQL (`\'' OR …`), and only the escaped text shows it.
 */
function escapedForms(value: string): string[] {
  const forms: string[] = [];
  for (const quote of ["'", '"']) {
    if (value.includes(quote))
      forms.push(value.replaceAll(quote, quote + quote), value.replaceAll(quote, `\\${quote}`));
  }
  return forms;
}

/** decodeURIComponent throws on malformed escapes, which attacks send; then only the ASCII escapes are decoded. */
function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/%([0-7][0-9a-f])/gi, (_escape, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
  }
}

/**
 * A query's text for case-insensitive search: applications lower- or upper-case inputs before they build a
 * query (`WHERE email = '${email.toLowerCase()}'`). Folded lazily, once per query, and only when folding keeps
 * every position where it was, so an offset found in the folded text is an offset in the query.
 */
export class QueryText {
  private folded?: string;

  constructor(readonly sql: string) {}

  /** Calls `visit` with the bounds of each occurrence of `search` (up to 64) until it returns true; says whether one did. */
  someOccurrence(search: SearchText, visit: (start: number, end: number) => boolean): boolean {
    if (search.text.length > this.sql.length) return false;
    const folded = this.haystack();
    const caseless = folded !== this.sql && search.folded.length === search.text.length;
    const haystack = caseless ? folded : this.sql;
    const needle = caseless ? search.folded : search.text;
    let at = haystack.indexOf(needle);
    for (let seen = 0; at !== -1 && seen < MAX_OCCURRENCES; seen++) {
      if (visit(at, at + needle.length)) return true;
      at = haystack.indexOf(needle, at + 1);
    }
    return false;
  }

  private haystack(): string {
    if (this.folded === undefined) {
      const lower = this.sql.toLowerCase();
      this.folded = lower.length === this.sql.length ? lower : this.sql;
    }
    return this.folded;
  }
}
