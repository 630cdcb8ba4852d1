import type { RequestInput } from '@secotel/sdk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findInjections, inputsInQuery, type SqlDialect } from '../src/sql';

const q = (value: string, path = '.query.q'): RequestInput => ({ source: 'query', path, value });
const injected = (sql: string, dialect: SqlDialect, ...values: string[]): string[] =>
  findInjections(
    sql,
    dialect,
    values.map((value) => q(value)),
  ).map((input) => input.value);

describe('findInjections', () => {
  it('reports nothing without inputs, and nothing when no input occurs in the query', () => {
    expect(findInjections("SELECT * FROM t WHERE a = 'x' OR 1=1", 'postgresql', [])).toEqual([]);
    expect(injected("SELECT * FROM t WHERE a = 'x'", 'postgresql', "' OR 1=1--")).toEqual([]);
  });

  it('reports an input once when it occurs several times and one occurrence injects', () => {
    const value = "x' OR '1'='1";
    const sql = `SELECT * FROM t WHERE a = '${value}' /* ${value} */`;
    expect(injected(sql, 'postgresql', value)).toEqual([value]);
  });

  it('reports an input whose second occurrence injects while the first stays inside an escaped literal', () => {
    const value = '1 OR 1=1';
    const sql = `INSERT INTO audit (note) VALUES ('${value}'); SELECT * FROM t WHERE id = ${value}`;
    expect(injected(sql, 'sqlite', value)).toEqual([value]);
  });

  it('keeps an input that lies inside a longer literal', () => {
    expect(
      injected("SELECT * FROM t WHERE a = 'Patrick O''Brien jr'", 'postgresql', "O'Brien", 'Brien jr'),
    ).toEqual([]);
    expect(
      injected("SELECT * FROM t WHERE a = 'Patrick O\\'Brien jr'", 'mysql', "O\\'Brien", 'Brien jr'),
    ).toEqual([]);
  });

  it('does not report very short inputs that occur everywhere by chance', () => {
    const sql =
      "SELECT a.id, a.name FROM accounts a WHERE a.id = 1 AND a.status IN ('a', 'b') LIMIT 10 OFFSET 1";
    for (const dialect of ['postgresql', 'mysql', 'sqlite'] as const) {
      expect(injected(sql, dialect, '1', 'a', 'id', '10', '*', ',', '.', '(', "'", '=', 'a.', '-1')).toEqual(
        [],
      );
    }
  });

  it('reports a lone quote that unbalances the query, wherever the quote lands', () => {
    expect(injected("SELECT * FROM t WHERE a = ''' AND b = 'x'", 'postgresql', "'")).toEqual(["'"]);
    expect(injected("SELECT * FROM t WHERE a = '''", 'sqlite', "'")).toEqual(["'"]);
    expect(injected("SELECT * FROM t WHERE id = ' AND b = 'x'", 'mysql', "'")).toEqual(["'"]);
    expect(injected('SELECT * FROM t WHERE id = "', 'postgresql', '"')).toEqual(['"']);
  });

  it('keeps quotes and backslashes that the application escaped', () => {
    expect(injected("SELECT * FROM t WHERE a = '\\'' AND b = 'x'", 'mysql', "'")).toEqual([]);
    expect(injected("SELECT * FROM t WHERE a = '''' AND b = 'x'", 'postgresql', "'")).toEqual([]);
    expect(injected("SELECT * FROM t WHERE a = '%''quoted''%'", 'sqlite', "'quoted'")).toEqual([]);
    expect(injected("SELECT * FROM t WHERE a = '\\\\'", 'mysql', '\\')).toEqual([]);
  });

  it("reports ' OR 1=1-- in every dialect and position", () => {
    const value = "' OR 1=1--";
    for (const dialect of ['postgresql', 'mysql', 'sqlite'] as const) {
      expect(injected(`SELECT * FROM t WHERE a = '${value}'`, dialect, value)).toEqual([value]);
      expect(injected(`SELECT * FROM t WHERE a = ${value}`, dialect, value)).toEqual([value]);
    }
  });

  it('finds an input the application percent-decoded again', () => {
    const raw = '%27%20OR%201%3D1--';
    expect(injected("SELECT * FROM t WHERE a = '' OR 1=1--'", 'postgresql', raw)).toEqual([raw]);
    expect(injected("SELECT * FROM t WHERE a = '%27%20OR%201%3D1--'", 'postgresql', raw)).toEqual([]);
    expect(injected("SELECT * FROM t WHERE a = '' OR 1=1--'", 'postgresql', '%E0%A4%A')).toEqual([]);
  });

  it('finds an input the application lower- or upper-cased', () => {
    const value = "' Union Select password FROM users--";
    expect(injected(`SELECT * FROM t WHERE a = '${value.toLowerCase()}'`, 'mysql', value)).toEqual([value]);
    expect(injected(`SELECT * FROM t WHERE a = '${value.toUpperCase()}'`, 'mysql', value)).toEqual([value]);
  });

  it('finds an input that arrived with whitespace around it which the application trimmed', () => {
    expect(injected("SELECT * FROM t WHERE a = '' OR 1=1--'", 'sqlite', "  ' OR 1=1--\n")).toHaveLength(1);
  });

  it('follows each dialect: a backslash escapes the quote in MySQL only', () => {
    const value = "\\' OR 1=1-- -";
    const sql = `SELECT * FROM t WHERE a = '${value}'`;
    expect(injected(sql, 'mysql', value)).toEqual([]);
    expect(injected(sql, 'postgresql', value)).toEqual([value]);
    expect(injected(sql, 'sqlite', value)).toEqual([value]);
  });

  it('finds an input whose quotes the application escaped but whose backslash it left (MySQL)', () => {
    const value = "\\' OR 1=1-- ";
    const sql = `SELECT * FROM t WHERE a = '${value.replaceAll("'", "''")}'`;
    expect(injected(sql, 'mysql', value)).toEqual([value]);
    expect(
      injected(`SELECT * FROM t WHERE a = '${value.replaceAll("'", "''")}'`, 'postgresql', value),
    ).toEqual([]);
  });

  it('keeps inputs inside dollar-quoted bodies and reports one that closes the body', () => {
    const body = "SELECT 'x' FROM t";
    expect(injected(`DO $$BEGIN PERFORM ${body}; END$$`, 'postgresql', body)).toEqual([]);
    const breakout = '$$; DROP TABLE users; --';
    expect(injected(`SELECT $$${breakout}$$`, 'postgresql', breakout)).toEqual([breakout]);
    expect(injected("SELECT $$a = 1$$$, 'q'", 'postgresql', 'a = 1$')).toEqual(['a = 1$']);
  });

  it('treats MySQL executable comments as code and plain comments as comments', () => {
    expect(injected('SELECT * FROM t WHERE id = 1/*!50000OR*/1=1', 'mysql', '1/*!50000OR*/1=1')).toHaveLength(
      1,
    );
    const tag = "controller='users',action='show'";
    expect(injected(`SELECT * FROM users /*${tag}*/`, 'mysql', tag)).toEqual([]);
  });

  it('keeps inputs in sqlcommenter-style comments and in quoted identifiers', () => {
    expect(injected("SELECT 1 /*route='/users/:id'*/", 'postgresql', '/users/:id')).toEqual([]);
    expect(injected('SELECT "user name" FROM t', 'postgresql', 'user name')).toEqual([]);
    expect(injected('SELECT [user name] FROM t', 'sqlite', 'user name')).toEqual([]);
  });

  it('reports an input that opens or closes a comment', () => {
    expect(injected('SELECT * FROM t WHERE id = 5 -- AND owner = 7', 'postgresql', '5 --')).toEqual(['5 --']);
    expect(injected('SELECT * FROM t WHERE id = 5 /* AND owner = 7', 'sqlite', '/*')).toEqual(['/*']);
    expect(injected('SELECT * FROM t WHERE id = 5 # AND owner = 7', 'mysql', '5 #')).toEqual(['5 #']);
  });

  it('keeps numbers, signed numbers and qualified names in unquoted positions', () => {
    expect(
      injected('SELECT * FROM t WHERE id = -17 ORDER BY u.created_at', 'postgresql', '-17', 'u.created_at'),
    ).toEqual([]);
    expect(injected('SELECT * FROM t WHERE price > 2.5e3', 'mysql', '2.5e3')).toEqual([]);
  });

  it('returns the reported inputs themselves, in input order', () => {
    const first = q("' OR 1=1--", '.body.name');
    const benign = q('alice', '.query.user');
    const second = q('1; DROP TABLE t', '.params.id');
    const sql = "DELETE FROM t WHERE id = 1; DROP TABLE t AND name = '' OR 1=1--' AND u = 'alice'";
    const found = findInjections(sql, 'postgresql', [second, benign, first]);
    expect(found).toEqual([second, first]);
    expect(found[0]).toBe(second);
  });

  it('keeps inputs found many times inside one long escaped literal', () => {
    const sql = `INSERT INTO notes (body) VALUES ('${"a''b ".repeat(20_000)}')`;
    expect(injected(sql, 'postgresql', "a'", "'b", "''")).toEqual([]);
  });

  it('never throws on arbitrary queries and inputs', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 120 }),
        fc.array(fc.string({ unit: 'binary', maxLength: 12 }), { maxLength: 4 }),
        fc.constantFrom<SqlDialect>('postgresql', 'mysql', 'sqlite'),
        (sql, values, dialect) => {
          // Half the time the query is built from the inputs, so that they occur in it.
          const query = sql.length % 2 === 0 ? sql : values.join(sql.slice(0, 5));
          const inputs = values.map((value) => q(value));
          const found = findInjections(query, dialect, inputs);
          expect(found.every((input) => inputs.includes(input))).toBe(true);
          inputsInQuery(query, inputs);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('inputsInQuery', () => {
  it('lists the inputs whose value occurs anywhere in the text, ignoring case', () => {
    const sql = "SELECT * FROM t WHERE a = 'x' and 1=cast(version() as int)--'";
    const probe = q("x' AND 1=CAST(version() AS int)--");
    const other = q('not there');
    expect(inputsInQuery(sql, [other, probe])).toEqual([probe]);
  });

  it('leaves out plain one- and two-character values, which occur by chance', () => {
    expect(inputsInQuery("SELECT a FROM t WHERE b = '''", [q('a'), q('1'), q("'")])).toEqual([q("'")]);
  });
});
