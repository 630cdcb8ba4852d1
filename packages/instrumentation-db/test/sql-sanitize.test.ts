import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SqlDialect, sanitizeQuery } from '../src/sql';

const DIALECTS: readonly SqlDialect[] = ['postgresql', 'mysql', 'sqlite'];

describe('sanitizeQuery', () => {
  it('replaces string and number literals with ? and keeps names, keywords and placeholders', () => {
    for (const dialect of DIALECTS) {
      expect(
        sanitizeQuery(
          "SELECT id FROM users WHERE name = 'alice' AND age > 30 AND x = 1.5e3 LIMIT 10",
          dialect,
        ),
      ).toBe('SELECT id FROM users WHERE name = ? AND age > ? AND x = ? LIMIT ?');
    }
    expect(sanitizeQuery('SELECT * FROM t WHERE a = $1 AND b = $2', 'postgresql')).toBe(
      'SELECT * FROM t WHERE a = $1 AND b = $2',
    );
    expect(sanitizeQuery('SELECT * FROM t WHERE a = ? AND b = :b', 'sqlite')).toBe(
      'SELECT * FROM t WHERE a = ? AND b = :b',
    );
  });

  it('hides every kind of literal in each dialect', () => {
    expect(
      sanitizeQuery("SELECT E'a\\'b', $$x$$, $t$y$t$, X'1F', B'01', U&'d', 0x1F FROM \"T\"", 'postgresql'),
    ).toBe('SELECT ?, ?, ?, ?, ?, ?, ? FROM "T"');
    expect(sanitizeQuery(`SELECT "dq", 'it\\'s', N'n', _utf8mb4'u' FROM \`t\``, 'mysql')).toBe(
      'SELECT ?, ?, ?, _utf8mb4? FROM `t`',
    );
    expect(sanitizeQuery("SELECT X'00', 'it''s' FROM [t] WHERE name = \"bob\"", 'sqlite')).toBe(
      'SELECT ?, ? FROM [t] WHERE name = ?',
    );
  });

  it('drops comments, which may carry anything, and keeps MySQL executable comments as code', () => {
    expect(sanitizeQuery("SELECT 1 /* user=alice */ FROM t -- secret 'x'\nWHERE a=1", 'postgresql')).toBe(
      'SELECT ?   FROM t  \nWHERE a=?',
    );
    expect(sanitizeQuery('SELECT /*!40001 SQL_NO_CACHE */ a FROM t # note', 'mysql')).toBe(
      'SELECT /*!40001 SQL_NO_CACHE */ a FROM t  ',
    );
  });

  it('never keeps a password, in any quoting', () => {
    expect(sanitizeQuery("CREATE USER bob WITH PASSWORD 'hunter2'", 'postgresql')).toBe(
      'CREATE USER bob WITH PASSWORD ?',
    );
    expect(sanitizeQuery('ALTER ROLE bob PASSWORD $p$hunter2$p$', 'postgresql')).toBe(
      'ALTER ROLE bob PASSWORD ?',
    );
    expect(sanitizeQuery("ALTER USER 'bob'@'%' IDENTIFIED BY 'hunter2'", 'mysql')).toBe(
      'ALTER USER ?@? IDENTIFIED BY ?',
    );
    expect(
      sanitizeQuery('CREATE USER `bob` IDENTIFIED WITH caching_sha2_password BY "hunter2"', 'mysql'),
    ).toBe('CREATE USER `bob` IDENTIFIED WITH caching_sha2_password BY ?');
    expect(sanitizeQuery('SET PASSWORD FOR `bob` = `hunter2`', 'mysql')).toBe('SET PASSWORD FOR ? = ?');
  });

  it('hides an unterminated string or quoted name, which swallows the rest of an injected query', () => {
    expect(sanitizeQuery("SELECT * FROM t WHERE a = ''' AND pw = 'secret", 'postgresql')).toBe(
      'SELECT * FROM t WHERE a = ?secret',
    );
    expect(sanitizeQuery("SELECT * FROM t WHERE id = \" AND pw = 'secret'", 'postgresql')).toBe(
      'SELECT * FROM t WHERE id = ?',
    );
  });

  it('never lets a planted literal survive (property)', () => {
    // Literals carry a marker that no query text around them contains, so any survival shows.
    const secret = fc.string({ minLength: 1, maxLength: 20 }).map((text) => `Zq${text}`);
    const quoted = (dialect: SqlDialect, text: string): string =>
      dialect === 'mysql' ? text.replaceAll('\\', '\\\\').replaceAll("'", "''") : text.replaceAll("'", "''");
    fc.assert(
      fc.property(
        fc.constantFrom(...DIALECTS),
        secret,
        secret,
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        (dialect, first, second, whole, fraction) => {
          const number = Math.abs(whole);
          const decimal = Math.abs(fraction);
          const literal = (text: string) => `'${quoted(dialect, text)}'`;
          const query =
            `SELECT a, b FROM t WHERE name = ${literal(first)} AND n IN (${number}, ${decimal}) ` +
            // Without `*` and `/` the comment closes where written: PostgreSQL nests `/*`, so an inner one would
            // leave it open and hide the rest of the query.
            `/* ${first.replace(/[*/]/g, '')} */ AND note LIKE ${literal(second)}`;
          expect(sanitizeQuery(query, dialect)).toBe(
            'SELECT a, b FROM t WHERE name = ? AND n IN (?, ?)   AND note LIKE ?',
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('never throws and never returns a longer text than a literal-free one could be (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 120 }),
        fc.constantFrom(...DIALECTS),
        (sql, dialect) => {
          expect(sanitizeQuery(sql, dialect).length).toBeLessThanOrEqual(sql.length);
        },
      ),
      { numRuns: 500 },
    );
  });
});
