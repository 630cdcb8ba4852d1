import type { SqlDialect } from './dialects';
import { type TokenKind, tokenize } from './tokenizer';

/** A token as statement analysis reads it: keywords in upper case, names unquoted and in lower case. */
export interface Lexeme {
  readonly kind: TokenKind;
  /** Upper-cased text of a word, so that keywords compare directly; the raw text otherwise. */
  readonly word: string;
  /** The name a word or quoted identifier denotes, in lower case; empty for other tokens. */
  readonly name: string;
}

/** The query's statements, split at top-level `;`, as lexemes without comments. */
export function statementsOf(query: string, dialect: SqlDialect): Lexeme[][] {
  const statements: Lexeme[][] = [[]];
  for (const token of tokenize(query, dialect)) {
    if (token.kind === 'comment') continue;
    const text = query.slice(token.start, token.end);
    if (token.kind === 'operator' && text === ';') {
      statements.push([]);
      continue;
    }
    (statements.at(-1) as Lexeme[]).push({
      kind: token.kind,
      word: token.kind === 'word' ? text.toUpperCase() : text,
      name: nameOf(token.kind, text, token.open, token.close),
    });
  }
  return statements.filter((statement) => statement.length > 0);
}

function nameOf(kind: TokenKind, text: string, open: number, close: number): string {
  if (kind === 'word') return text.toLowerCase();
  if (kind !== 'quoted') return '';
  const quote = text.charAt(open - 1);
  const inner = text.slice(open, text.length - close);
  return (quote === '[' ? inner : inner.replaceAll(quote + quote, quote)).toLowerCase();
}
