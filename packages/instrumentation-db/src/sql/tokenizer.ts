import { DIALECTS, type DialectRules, type LexicalDialect } from './dialects';

/*
 * Why a hand-written lexer: the npm candidates do not fit (checked 2026-11). sql-tokenizer and sql-highlight know
 * no dialect (no dollar quoting, backslash escapes, `#` or nested comments); sql-formatter keeps its tokenizer
 * internal and throws "Parse error: Unexpected …" on an unterminated string (sql-formatter-org/sql-formatter#769),
 * which is exactly what an injection produces; node-sql-parser, pgsql-ast-parser and sql-parser-cst are full
 * parsers that reject invalid SQL and cost far more than one pass over the text. This lexer is one linear pass,
 * never throws, and keeps an unterminated string or comment as one token that runs to the end.
 */

export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'param' | 'operator' | 'comment';

export interface Token {
  readonly kind: TokenKind;
  readonly start: number;
  readonly end: number;
  /** Length of the opening delimiter (`'`, `E'`, `$tag$`, `--`, `/*`); 0 for undelimited tokens. */
  readonly open: number;
  /** Length of the closing delimiter; 0 when there is none (line comments) or the token is unterminated. */
  readonly close: number;
  /** False for a string, quoted identifier or block comment that is still open at the end of the text. */
  readonly terminated: boolean;
}

/** Multi-character operators, keyed by their character codes so that matching one allocates nothing. */
const code = (text: string): number =>
  [...text].reduce((sum, character) => sum * 0x10000 + character.charCodeAt(0), 0);
const OPERATORS_3 = new Set(['->>', '#>>', '<=>', '!~*'].map(code));
const OPERATORS_2 = new Set(
  [
    '->',
    '#>',
    '#-',
    '<=',
    '>=',
    '<>',
    '!=',
    '==',
    '::',
    '||',
    '&&',
    '<<',
    '>>',
    '@>',
    '<@',
    ':=',
    '~*',
    '!~',
    '~~',
  ].map(code),
);

const QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;
const BACKSLASH = 0x5c;

export function tokenize(sql: string, dialect: LexicalDialect): Token[] {
  return new Lexer(sql, DIALECTS[dialect]).run();
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Letters, `_` and everything outside ASCII, as PostgreSQL, MySQL and SQLite all accept in unquoted names. */
function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 0x80;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c) || c === 36;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) || c === 95;
}

class Lexer {
  private readonly tokens: Token[] = [];
  /** How many MySQL executable comments (`/*! … *\/`) are open: their `*\/` closes one, as code. */
  private executableDepth = 0;

  constructor(
    private readonly sql: string,
    private readonly rules: DialectRules,
  ) {}

  run(): Token[] {
    const { sql } = this;
    let i = 0;
    while (i < sql.length) {
      const c = sql.charCodeAt(i);
      i = isSpace(c) ? i + 1 : this.token(i, c);
    }
    return this.tokens;
  }

  private push(kind: TokenKind, start: number, end: number, open = 0, close = 0, terminated = true): number {
    this.tokens.push({ kind, start, end, open, close, terminated });
    return end;
  }

  /** Scans the token that starts at `i` and returns where it ends. */
  private token(i: number, c: number): number {
    const { sql, rules } = this;
    const next = sql.charCodeAt(i + 1);
    switch (c) {
      case QUOTE:
        return this.quoted('string', i, 1, QUOTE, rules.backslashStrings);
      case DOUBLE_QUOTE:
        return rules.doubleQuoteString
          ? this.quoted('string', i, 1, DOUBLE_QUOTE, true)
          : this.quoted('quoted', i, 1, DOUBLE_QUOTE, false);
      case 0x60: // `
        if (rules.backtickStrings) return this.quoted('string', i, 1, 0x60, true);
        if (rules.backtickIdentifiers) return this.quoted('quoted', i, 1, 0x60, false);
        break;
      case 0x5b: // [
        if (rules.bracketIdentifiers) return this.bracketed(i);
        break;
      case 0x2d: // -
        if (rules.dashComments && next === 0x2d && this.startsDashComment(i)) return this.lineComment(i, 2);
        break;
      case 0x23: // #
        if (rules.hashComments) return this.lineComment(i, 1);
        break;
      case 0x2f: // /
        if (next === 0x2a) return this.blockComment(i);
        if (rules.slashComments && next === 0x2f) return this.lineComment(i, 2);
        break;
      case 0x2a: // *
        if (next === 0x2f && this.executableDepth > 0) {
          this.executableDepth--;
          return this.push('operator', i, i + 2);
        }
        break;
      case 0x24: // $
        if (rules.dollarQuotes) return this.dollar(i);
        if (rules.namedParams && isIdentPart(next)) return this.param(i, 1);
        if (rules.looseIdentifiers) return this.word(i);
        break;
      case 0x3f: // ?
        if (rules.questionParams)
          return this.push('param', i, rules.namedParams ? this.digits(i + 1) : i + 1);
        break;
      case 0x3a: // :
        if (rules.namedParams && isIdentPart(next)) return this.param(i, 1);
        break;
      case 0x40: // @
        if (rules.namedParams && isIdentPart(next)) return this.param(i, 1);
        if (rules.atVariables) return this.param(i, next === 0x40 ? 2 : 1);
        break;
      case 0x2e: // .
        if (isDigit(next)) return this.number(i);
        break;
    }
    if (isDigit(c)) return this.number(i);
    if (isIdentStart(c)) return this.word(i);
    return this.operator(i);
  }

  /** A string or quoted identifier; `''` (the quote doubled) always escapes, a backslash only where the dialect says. */
  private quoted(kind: TokenKind, start: number, open: number, quote: number, backslash: boolean): number {
    const { sql } = this;
    let j = start + open;
    while (j < sql.length) {
      const ch = sql.charCodeAt(j);
      if (ch === BACKSLASH && backslash) {
        j += 2;
      } else if (ch !== quote) {
        j++;
      } else if (sql.charCodeAt(j + 1) === quote) {
        j += 2;
      } else {
        return this.push(kind, start, j + 1, open, 1);
      }
    }
    return this.push(kind, start, sql.length, open, 0, false);
  }

  private bracketed(start: number): number {
    const close = this.sql.indexOf(']', start + 1);
    return close === -1
      ? this.push('quoted', start, this.sql.length, 1, 0, false)
      : this.push('quoted', start, close + 1, 1, 1);
  }

  /** MySQL reads `--` as a comment only before whitespace or a control character (`1--1` is 1 minus -1). */
  private startsDashComment(i: number): boolean {
    if (!this.rules.dashCommentNeedsSpace) return true;
    const after = this.sql.charCodeAt(i + 2);
    return Number.isNaN(after) || after <= 32;
  }

  private lineComment(start: number, open: number): number {
    const { sql } = this;
    let j = start + open;
    while (j < sql.length && sql.charCodeAt(j) !== 10 && sql.charCodeAt(j) !== 13) j++;
    return this.push('comment', start, j, open);
  }

  private blockComment(start: number): number {
    const { sql } = this;
    const bang = sql.charCodeAt(start + 2) === 0x21 ? 3 : sql.startsWith('M!', start + 2) ? 4 : 0;
    if (this.rules.executableComments && bang > 0) {
      this.executableDepth++;
      return this.push('operator', start, this.digits(start + bang));
    }
    let depth = 1;
    let j = start + 2;
    while (j < sql.length) {
      if (sql.startsWith('*/', j)) {
        j += 2;
        if (--depth === 0) return this.push('comment', start, j, 2, 2);
      } else if (this.rules.nestedComments && sql.startsWith('/*', j)) {
        j += 2;
        depth++;
      } else {
        j++;
      }
    }
    return this.push('comment', start, sql.length, 2, 0, false);
  }

  /** PostgreSQL: `$1` is a placeholder, `$tag$…$tag$` and `$$…$$` are strings, a lone `$` an operator. */
  private dollar(start: number): number {
    const { sql } = this;
    if (isDigit(sql.charCodeAt(start + 1))) return this.push('param', start, this.digits(start + 1));
    let j = start + 1;
    if (isIdentStart(sql.charCodeAt(j))) {
      while (j < sql.length && isIdentPart(sql.charCodeAt(j)) && sql.charCodeAt(j) !== 36) j++;
    }
    if (sql.charCodeAt(j) !== 36) return this.push('operator', start, start + 1);
    const tag = sql.slice(start, j + 1);
    const close = sql.indexOf(tag, j + 1);
    return close === -1
      ? this.push('string', start, sql.length, tag.length, 0, false)
      : this.push('string', start, close + tag.length, tag.length, tag.length);
  }

  /** `:name`, `@name`, `$name` (SQLite) or `@var`, `@@var` (MySQL): a sigil and a name. */
  private param(start: number, sigil: number): number {
    let j = start + sigil;
    while (j < this.sql.length && isIdentPart(this.sql.charCodeAt(j))) j++;
    return this.push('param', start, j);
  }

  private digits(from: number): number {
    let j = from;
    while (j < this.sql.length && isDigit(this.sql.charCodeAt(j))) j++;
    return j;
  }

  private number(start: number): number {
    const { sql } = this;
    let j = start;
    const radix = sql.charCodeAt(j + 1) | 0x20;
    if (sql.charCodeAt(j) === 48 && (radix === 0x78 || radix === 0x62 || radix === 0x6f)) {
      j += 2;
      while (j < sql.length && isHexDigit(sql.charCodeAt(j))) j++;
    } else {
      j = this.decimal(j);
    }
    // MySQL names may start with digits (`1abc`); elsewhere the letters form the next token.
    if (this.rules.looseIdentifiers && j < sql.length && isIdentPart(sql.charCodeAt(j)))
      return this.word(start);
    return this.push('number', start, j);
  }

  private decimal(start: number): number {
    const { sql } = this;
    const digits = (from: number): number => {
      let j = from;
      while (j < sql.length && (isDigit(sql.charCodeAt(j)) || sql.charCodeAt(j) === 95)) j++;
      return j;
    };
    let j = digits(start);
    if (sql.charCodeAt(j) === 0x2e) j = digits(j + 1);
    if ((sql.charCodeAt(j) | 0x20) === 0x65) {
      const sign = sql.charCodeAt(j + 1) === 0x2b || sql.charCodeAt(j + 1) === 0x2d ? 1 : 0;
      if (isDigit(sql.charCodeAt(j + 1 + sign))) j = digits(j + 1 + sign);
    }
    return j;
  }

  /** A name or keyword, or a prefixed string: `E'…'`, `B'…'`, `X'…'`, `N'…'`, `U&'…'`, `U&"…"`. */
  private word(start: number): number {
    const { sql, rules } = this;
    let j = start + 1;
    while (j < sql.length && isIdentPart(sql.charCodeAt(j))) j++;
    if (j === start + 1) {
      const prefix = sql.charCodeAt(start) | 0x20;
      const after = sql.charCodeAt(j);
      if (after === QUOTE) {
        if (rules.escapeStrings && prefix === 0x65) return this.quoted('string', start, 2, QUOTE, true);
        if (rules.stringPrefixes.includes(String.fromCharCode(prefix))) {
          return this.quoted('string', start, 2, QUOTE, rules.backslashStrings);
        }
      }
      if (rules.escapeStrings && prefix === 0x75 && after === 0x26) {
        const quote = sql.charCodeAt(j + 1);
        if (quote === QUOTE) return this.quoted('string', start, 3, QUOTE, false);
        if (quote === DOUBLE_QUOTE) return this.quoted('quoted', start, 3, DOUBLE_QUOTE, false);
      }
    }
    return this.push('word', start, j);
  }

  private operator(start: number): number {
    const { sql } = this;
    const two = sql.charCodeAt(start) * 0x10000 + sql.charCodeAt(start + 1);
    if (OPERATORS_3.has(two * 0x10000 + sql.charCodeAt(start + 2)))
      return this.push('operator', start, start + 3);
    if (OPERATORS_2.has(two)) return this.push('operator', start, start + 2);
    return this.push('operator', start, start + 1);
  }
}
