import type { LexicalDialect } from './dialects';
import { type Token, tokenize } from './tokenizer';

/** Characters that can end or reshape a string, quoted name or comment from inside it. */
const DELIMITING = /['"`\\$*/[\]\n\r]/;

/**
 * Whether the input that occupies `sql[start, end)` changes the query's token structure. It does not when the
 * occurrence is exactly a signed number or a dotted name, or lies inside one complete token and could be
 * replaced by neutral letters without moving that token's end: part of a name, number, placeholder or operator,
 * or the content of a string, quoted name or comment. In a query whose quotes balance, an occurrence that only
 * shares a quote with a literal (its delimiter, or half of a doubled `''`) is chance; once the query is left
 * open, which is what an odd quote does, it is not. Everything else spans token boundaries, opens or closes a
 * quote or comment, or sits in a string left open, and is structure the input brought in.
 * The occurrence's first and last characters are not whitespace, so both lie inside tokens.
 */
export function changesStructure(
  sql: string,
  dialect: LexicalDialect,
  tokens: readonly Token[],
  start: number,
  end: number,
): boolean {
  const first = tokenIndexAt(tokens, start);
  const last = tokenIndexAt(tokens, end - 1);
  if (first === -1 || last === -1) return true;
  if (first === last) {
    // Only the last token can be left open: an unterminated one runs to the end.
    const broken = tokens.at(-1)?.terminated === false;
    return changesToken(sql, dialect, tokens[first] as Token, start, end, broken);
  }
  return !isSignedNumber(sql, tokens, first, last) && !isDottedName(sql, tokens, first, last);
}

function changesToken(
  sql: string,
  dialect: LexicalDialect,
  token: Token,
  start: number,
  end: number,
  broken: boolean,
): boolean {
  if (!token.terminated) return true;
  if (token.kind !== 'string' && token.kind !== 'quoted' && token.kind !== 'comment') return false;
  const contentStart = token.start + token.open;
  const contentEnd = token.end - token.close;
  // A quote shared with the query's own balanced quoting is chance; a comment opener or closer, or a piece of
  // a dollar-quote tag (`$` + `$` closes `$$`), is not.
  if (start < contentStart || end > contentEnd) {
    if (broken || sql.charCodeAt(token.start) === 0x24) return true;
    const opener = start <= token.start && end >= contentStart;
    const closer = token.close > 0 && start <= contentEnd && end >= token.end;
    if (token.kind === 'comment' && (opener || closer)) return true;
  }
  const from = Math.max(start, contentStart);
  const to = Math.min(end, contentEnd);
  if (from >= to || !DELIMITING.test(sql.slice(from, to))) return false;
  // Half of an escape (`'` of a doubled `''`) in a balanced query is the application's escaping, not the input.
  if (!broken && !onEscapeBoundaries(sql, dialect, token, from, to)) return false;
  const neutral = sql.slice(token.start, from) + 'x'.repeat(to - from) + sql.slice(to, token.end);
  const again = tokenize(neutral, dialect);
  const only = again[0];
  return !(again.length === 1 && only?.kind === token.kind && only.terminated && only.end === neutral.length);
}

/** Whether `from` and `to` fall between the content's characters and escapes (`''`, `\'`), not inside one. */
function onEscapeBoundaries(
  sql: string,
  dialect: LexicalDialect,
  token: Token,
  from: number,
  to: number,
): boolean {
  const quote = sql.charCodeAt(token.end - 1);
  const backslash =
    token.kind === 'string' &&
    (dialect === 'mysql' || (dialect === 'postgresql' && (sql.charCodeAt(token.start) | 0x20) === 0x65));
  let fromSeen = false;
  for (let j = token.start + token.open; j <= to; ) {
    if (j === from) fromSeen = true;
    if (j === to) return fromSeen;
    const c = sql.charCodeAt(j);
    j += (backslash && c === 0x5c) || (c === quote && sql.charCodeAt(j + 1) === quote) ? 2 : 1;
  }
  return false;
}

/** `-17`, `+3.5`: a sign and a number are one value to the application. */
function isSignedNumber(sql: string, tokens: readonly Token[], first: number, last: number): boolean {
  const sign = tokens[first] as Token;
  const sigil = sql.charCodeAt(sign.start);
  return (
    last === first + 1 &&
    sign.kind === 'operator' &&
    sign.end - sign.start === 1 &&
    (sigil === 0x2d || sigil === 0x2b) &&
    tokens[last]?.kind === 'number'
  );
}

/** `u.name`, `public."Users"`: one qualified name (an ORDER BY column, a schema and table). */
function isDottedName(sql: string, tokens: readonly Token[], first: number, last: number): boolean {
  for (let i = first; i <= last; i++) {
    const token = tokens[i] as Token;
    const isName = (token.kind === 'word' || token.kind === 'quoted') && token.terminated;
    const isDot =
      token.kind === 'operator' && token.end - token.start === 1 && sql.charCodeAt(token.start) === 0x2e;
    if ((i - first) % 2 === 0 ? !isName : !isDot) return false;
  }
  return (last - first) % 2 === 0;
}

/** The index of the token that holds position `at`, or -1 when `at` is whitespace between tokens. */
function tokenIndexAt(tokens: readonly Token[], at: number): number {
  let low = 0;
  let high = tokens.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const token = tokens[middle] as Token;
    if (token.end <= at) low = middle + 1;
    else if (token.start > at) high = middle - 1;
    else return middle;
  }
  return -1;
}
