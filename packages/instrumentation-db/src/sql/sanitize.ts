import type { SqlDialect } from './dialects';
import { memoizeByQuery } from './memo';
import { type Token, tokenize } from './tokenizer';

/** Operators after which SQLite reads an unknown `"name"` as a string literal (its double-quote misfeature). */
const VALUE_OPERATORS = new Set(['=', '==', '!=', '<>', '<', '>', '<=', '>=', '||', '+', '-', '*', '/', '%']);
const VALUE_WORDS = new Set(['LIKE', 'GLOB', 'IS', 'THEN', 'ELSE']);

/**
 * Literal-free query text (OpenTelemetry's sanitized db.query.text): every string and number literal becomes
 * `?`, comments go (they can carry anything), placeholders and names stay. After PASSWORD or IDENTIFIED, quoted
 * names become `?` too, so that no password survives in any quoting; an unterminated string or quoted name,
 * which an injection leaves behind and which swallows the rest of the text, becomes one `?`.
 */
export const sanitizeQuery = memoizeByQuery((query: string, dialect: SqlDialect): string => {
  let out = '';
  let written = 0;
  let previous: Token | undefined;
  let secret = false;
  for (const token of tokenize(query, dialect)) {
    out += query.slice(written, token.start);
    written = token.end;
    if (token.kind === 'comment') {
      out += ' ';
      continue;
    }
    const text = query.slice(token.start, token.end);
    const upper = token.kind === 'word' ? text.toUpperCase() : '';
    if (upper === 'PASSWORD' || upper === 'IDENTIFIED') secret = true;
    else if (text === ';') secret = false;
    const hidden =
      token.kind === 'string' ||
      token.kind === 'number' ||
      (token.kind === 'quoted' && (secret || !token.terminated || isSqliteValue(query, dialect, previous)));
    out += hidden ? '?' : text;
    previous = token;
  }
  return out + query.slice(written);
});

function isSqliteValue(query: string, dialect: SqlDialect, previous: Token | undefined): boolean {
  if (dialect !== 'sqlite' || previous === undefined) return false;
  const text = query.slice(previous.start, previous.end);
  return previous.kind === 'operator' ? VALUE_OPERATORS.has(text) : VALUE_WORDS.has(text.toUpperCase());
}
