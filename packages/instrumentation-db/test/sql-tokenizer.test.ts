import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SqlDialect } from '../src/sql';
import { tokenize } from '../src/sql/tokenizer';

/** Each token as `kind:text`, with `!` after the kind of an unterminated one. */
function lex(sql: string, dialect: SqlDialect): string[] {
  return tokenize(sql, dialect).map(
    (token) => `${token.kind}${token.terminated ? '' : '!'}:${sql.slice(token.start, token.end)}`,
  );
}

describe('tokenizer, PostgreSQL', () => {
  const pg = (sql: string): string[] => lex(sql, 'postgresql');

  it('reads standard strings with doubled quotes and a backslash as a plain character', () => {
    expect(pg(`SELECT 'O''Brien', 'a\\' x`)).toEqual([
      'word:SELECT',
      "string:'O''Brien'",
      'operator:,',
      "string:'a\\'",
      'word:x',
    ]);
  });

  it('reads E strings with backslash escapes, and B, X, N and U& strings as one token', () => {
    expect(pg(`E'it\\'s' e'\\\\' B'101' X'1F' N'n' U&'d\\0061t' U&"q"`)).toEqual([
      "string:E'it\\'s'",
      "string:e'\\\\'",
      "string:B'101'",
      "string:X'1F'",
      "string:N'n'",
      "string:U&'d\\0061t'",
      'quoted:U&"q"',
    ]);
  });

  it('reads dollar quoting with and without a tag, and $1 placeholders', () => {
    expect(pg("SELECT $$a'b$$, $fn$ x $$ y $fn$, $1, $23")).toEqual([
      'word:SELECT',
      "string:$$a'b$$",
      'operator:,',
      'string:$fn$ x $$ y $fn$',
      'operator:,',
      'param:$1',
      'operator:,',
      'param:$23',
    ]);
  });

  it('reads quoted identifiers, casts, nested block comments and line comments', () => {
    expect(pg('SELECT "a""b"::text /* x /* y */ z */ FROM t -- rest\nWHERE a # b')).toEqual([
      'word:SELECT',
      'quoted:"a""b"',
      'operator:::',
      'word:text',
      'comment:/* x /* y */ z */',
      'word:FROM',
      'word:t',
      'comment:-- rest',
      'word:WHERE',
      'word:a',
      'operator:#',
      'word:b',
    ]);
  });

  it('reads numbers: decimals, exponents, leading dots, hexadecimal, underscores', () => {
    expect(pg('1 1.5 .5 1e6 2.5E-3 0x1F 1_000')).toEqual([
      'number:1',
      'number:1.5',
      'number:.5',
      'number:1e6',
      'number:2.5E-3',
      'number:0x1F',
      'number:1_000',
    ]);
  });

  it('keeps ? as an operator (jsonb) and multi-character operators whole', () => {
    expect(pg("a ? 'k' AND b->>'c' >= 1 AND d <> e || f")).toEqual([
      'word:a',
      'operator:?',
      "string:'k'",
      'word:AND',
      'word:b',
      'operator:->>',
      "string:'c'",
      'operator:>=',
      'number:1',
      'word:AND',
      'word:d',
      'operator:<>',
      'word:e',
      'operator:||',
      'word:f',
    ]);
  });

  it('keeps unterminated strings, identifiers, dollar quotes and comments as one open token', () => {
    expect(pg("x = 'abc")).toEqual(['word:x', 'operator:=', "string!:'abc"]);
    expect(pg('x = "abc')).toEqual(['word:x', 'operator:=', 'quoted!:"abc']);
    expect(pg('x = $q$abc')).toEqual(['word:x', 'operator:=', 'string!:$q$abc']);
    expect(pg('x /* a /* b */')).toEqual(['word:x', 'comment!:/* a /* b */']);
    expect(pg("E'\\")).toEqual(["string!:E'\\"]);
  });
});

describe('tokenizer, MySQL/MariaDB', () => {
  const my = (sql: string): string[] => lex(sql, 'mysql');

  it('reads \'\' and "" strings with backslash escapes and doubled quotes', () => {
    expect(my(`'O\\'Brien' 'O''Brien' "say \\"hi\\"" "a""b" '\\\\'`)).toEqual([
      "string:'O\\'Brien'",
      "string:'O''Brien'",
      'string:"say \\"hi\\""',
      'string:"a""b"',
      "string:'\\\\'",
    ]);
  });

  it('reads backtick identifiers, # comments, and -- only before whitespace', () => {
    expect(my('SELECT `a``b` FROM t # note\nWHERE x = 1--1 AND y = 2 -- end')).toEqual([
      'word:SELECT',
      'quoted:`a``b`',
      'word:FROM',
      'word:t',
      'comment:# note',
      'word:WHERE',
      'word:x',
      'operator:=',
      'number:1',
      'operator:-',
      'operator:-',
      'number:1',
      'word:AND',
      'word:y',
      'operator:=',
      'number:2',
      'comment:-- end',
    ]);
    expect(my('a --')).toEqual(['word:a', 'comment:--']);
  });

  it('tokenizes executable comments as code', () => {
    expect(my('SELECT /*!50000 SQL_NO_CACHE */ 1 /*M!100100 x */ /* plain */')).toEqual([
      'word:SELECT',
      'operator:/*!50000',
      'word:SQL_NO_CACHE',
      'operator:*/',
      'number:1',
      'operator:/*M!100100',
      'word:x',
      'operator:*/',
      'comment:/* plain */',
    ]);
  });

  it('reads ? placeholders, @ and @@ variables, prefixed strings and names starting with digits', () => {
    expect(my("? @x @@version N'n' X'1F' _utf8mb4'u' 1abc $d")).toEqual([
      'param:?',
      'param:@x',
      'param:@@version',
      "string:N'n'",
      "string:X'1F'",
      'word:_utf8mb4',
      "string:'u'",
      'word:1abc',
      'word:$d',
    ]);
  });

  it('keeps an unterminated string that ends in a backslash without reading past the end', () => {
    expect(my("x = 'abc\\")).toEqual(['word:x', 'operator:=', "string!:'abc\\"]);
    expect(my("x = '\\'")).toEqual(['word:x', 'operator:=', "string!:'\\'"]);
  });
});

describe('tokenizer, SQLite', () => {
  const lite = (sql: string): string[] => lex(sql, 'sqlite');

  it('reads \'\' strings (no backslash escapes) and "", [] and `` identifiers', () => {
    expect(lite(`'it''s' 'a\\' "q""x" [my col] \`b\``)).toEqual([
      "string:'it''s'",
      "string:'a\\'",
      'quoted:"q""x"',
      'quoted:[my col]',
      'quoted:`b`',
    ]);
  });

  it('reads ?, ?NNN, :name, @name and $name parameters and X blobs', () => {
    expect(lite("? ?12 :name @who $v :1 X'00'")).toEqual([
      'param:?',
      'param:?12',
      'param::name',
      'param:@who',
      'param:$v',
      'param::1',
      "string:X'00'",
    ]);
  });

  it('does not nest block comments, and keeps an unterminated bracket identifier open', () => {
    expect(lite('/* a /* b */ c */')).toEqual(['comment:/* a /* b */', 'word:c', 'operator:*', 'operator:/']);
    expect(lite('[abc')).toEqual(['quoted!:[abc']);
  });
});

describe('tokenizer on any text', () => {
  it('never throws, covers every non-space character exactly once, in order', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.constantFrom<SqlDialect>('postgresql', 'mysql', 'sqlite'),
        (sql, dialect) => {
          const tokens = tokenize(sql, dialect);
          let at = 0;
          for (const token of tokens) {
            expect(
              sql
                .slice(at, token.start)
                .trim()
                .replace(/[\t\n\v\f\r ]/g, ''),
            ).toBe('');
            expect(token.end).toBeGreaterThan(token.start);
            at = token.end;
          }
          expect(at).toBeLessThanOrEqual(sql.length);
          expect(sql.slice(at).replace(/[\t\n\v\f\r ]/g, '')).toBe('');
        },
      ),
      { numRuns: 500 },
    );
  });
});
