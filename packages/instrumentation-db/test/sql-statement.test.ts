import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeStatement, type SqlDialect, type StatementInfo } from '../src/sql';

const DIALECTS: readonly SqlDialect[] = ['postgresql', 'mysql', 'sqlite'];

function expectAll(sql: string, expected: Partial<StatementInfo>, dialects = DIALECTS): void {
  for (const dialect of dialects) {
    expect({ dialect, ...describeStatement(sql, dialect) }).toMatchObject({ dialect, ...expected });
  }
}

describe('describeStatement, DML', () => {
  it('names the operation and the table of simple statements', () => {
    expectAll('SELECT id, name FROM users WHERE id = 1', {
      operation: 'SELECT',
      tables: ['users'],
      summary: 'SELECT users',
      privilegeChange: false,
    });
    expectAll('insert into Orders (id, total) values (1, 2.5)', {
      operation: 'INSERT',
      tables: ['orders'],
      summary: 'INSERT orders',
    });
    expectAll('UPDATE accounts SET balance = 0 WHERE id = 3', {
      operation: 'UPDATE',
      tables: ['accounts'],
      summary: 'UPDATE accounts',
    });
    expectAll('DELETE FROM sessions WHERE expires < 5', {
      operation: 'DELETE',
      tables: ['sessions'],
      summary: 'DELETE sessions',
    });
  });

  it('lists the tables of joins, comma lists and subqueries in order of appearance', () => {
    expectAll(
      'SELECT * FROM users u JOIN orders o ON o.user_id = u.id LEFT JOIN items AS i ON i.order_id = o.id, refunds r ' +
        'WHERE u.id IN (SELECT user_id FROM bans) AND EXISTS (SELECT 1 FROM audit a WHERE a.id = u.id)',
      { operation: 'SELECT', tables: ['users', 'orders', 'items', 'refunds', 'bans', 'audit'] },
    );
  });

  it('follows each operation with its tables in the summary, as the semantic conventions describe', () => {
    expectAll('INSERT INTO shipping_details (id, time) SELECT id, time FROM orders', {
      operation: 'INSERT',
      tables: ['shipping_details', 'orders'],
      accesses: [
        { table: 'shipping_details', operation: 'INSERT' },
        { table: 'orders', operation: 'SELECT' },
      ],
      summary: 'INSERT shipping_details SELECT orders',
    });
  });

  it('reads CTEs: the main operation, the tables inside them, and no CTE name as a table', () => {
    expectAll(
      'WITH recent AS (SELECT * FROM orders WHERE created > 1), big AS (SELECT * FROM recent) SELECT * FROM big JOIN users ON true',
      {
        operation: 'SELECT',
        tables: ['orders', 'users'],
        accesses: [
          { table: 'orders', operation: 'SELECT' },
          { table: 'users', operation: 'SELECT' },
        ],
        summary: 'SELECT orders users',
      },
    );
    expectAll(
      'WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM x) DELETE FROM logs WHERE id IN (SELECT n FROM x)',
      {
        operation: 'DELETE',
        tables: ['logs'],
        accesses: [{ table: 'logs', operation: 'DELETE' }],
        summary: 'DELETE logs',
      },
      ['postgresql', 'sqlite'],
    );
  });

  it('reads schema-qualified and quoted table names, lower-cased and unquoted', () => {
    expect(
      describeStatement('SELECT * FROM billing."Cards" c JOIN "Public"."Users" u ON true', 'postgresql')
        .tables,
    ).toEqual(['billing.cards', 'public.users']);
    expect(
      describeStatement('SELECT * FROM `shop`.`Order Items` JOIN shop.users USING (id)', 'mysql').tables,
    ).toEqual(['shop.order items', 'shop.users']);
    expect(describeStatement('SELECT * FROM [my table] JOIN main.t2', 'sqlite').tables).toEqual([
      'my table',
      'main.t2',
    ]);
  });

  it('does not take functions, EXTRACT(… FROM …), IS DISTINCT FROM or FOR UPDATE for tables', () => {
    expectAll(
      'SELECT EXTRACT(YEAR FROM created), SUBSTRING(name FROM 2) FROM events WHERE a IS NOT DISTINCT FROM b FOR UPDATE',
      {
        tables: ['events'],
        summary: 'SELECT events',
      },
      ['postgresql'],
    );
    expect(
      describeStatement('SELECT * FROM generate_series(1, 3) g JOIN t ON true', 'postgresql').tables,
    ).toEqual(['t']);
    expect(describeStatement('SELECT 1 FROM DUAL', 'mysql').tables).toEqual([]);
  });

  it('reads MySQL upserts, REPLACE and multi-table DELETE', () => {
    const upsert = describeStatement(
      'INSERT INTO counters (k, v) VALUES (?, 1) ON DUPLICATE KEY UPDATE v = v + 1',
      'mysql',
    );
    expect(upsert).toMatchObject({ operation: 'INSERT', tables: ['counters'], summary: 'INSERT counters' });
    expect(describeStatement('REPLACE INTO kv VALUES (1, 2)', 'mysql')).toMatchObject({
      operation: 'REPLACE',
      tables: ['kv'],
    });
    expect(describeStatement('DELETE t1 FROM t1 JOIN t2 ON t1.id = t2.id', 'mysql').tables).toEqual([
      't1',
      't2',
    ]);
  });

  it('ignores comments and reads every statement of a stacked query', () => {
    const info = describeStatement(
      "/* app */ SELECT * FROM users WHERE name = ''; DROP TABLE users; --'",
      'postgresql',
    );
    expect(info).toMatchObject({
      operation: 'SELECT',
      tables: ['users'],
      summary: 'SELECT users; DROP TABLE users',
    });
  });
});

describe('describeStatement, DDL', () => {
  it('names the object in CREATE, ALTER and DROP', () => {
    expectAll('CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY)', {
      operation: 'CREATE TABLE',
      tables: ['audit'],
      summary: 'CREATE TABLE audit',
    });
    expectAll('CREATE UNIQUE INDEX idx_users_email ON users (email)', {
      operation: 'CREATE INDEX',
      tables: ['users'],
    });
    expectAll('DROP TABLE IF EXISTS a, b', { operation: 'DROP TABLE', tables: ['a', 'b'] });
    expectAll('ALTER TABLE users ADD COLUMN age INT', {
      operation: 'ALTER TABLE',
      tables: ['users'],
      privilegeChange: false,
    });
    expectAll('CREATE VIEW v AS SELECT * FROM users', { operation: 'CREATE VIEW', tables: ['users'] });
    expect(
      describeStatement('CREATE OR REPLACE MATERIALIZED VIEW mv AS SELECT 1', 'postgresql').operation,
    ).toBe('CREATE MATERIALIZED VIEW');
    expect(describeStatement('TRUNCATE TABLE logs', 'mysql')).toMatchObject({
      operation: 'TRUNCATE',
      tables: ['logs'],
    });
  });
});

describe('describeStatement, privilege changes', () => {
  it('reads users and roles in PostgreSQL', () => {
    const pg = (sql: string) => describeStatement(sql, 'postgresql');
    expect(pg("CREATE USER bob WITH PASSWORD 'x'")).toEqual({
      operation: 'CREATE USER',
      tables: [],
      accesses: [],
      summary: 'CREATE USER',
      privilegeChange: true,
    });
    expect(pg('ALTER ROLE bob WITH SUPERUSER')).toMatchObject({
      operation: 'ALTER ROLE',
      privilegeChange: true,
    });
    expect(pg('DROP ROLE IF EXISTS bob')).toMatchObject({ operation: 'DROP ROLE', privilegeChange: true });
    expect(pg('CREATE ROLE admin')).toMatchObject({ operation: 'CREATE ROLE', privilegeChange: true });
    expect(pg('GRANT SELECT, UPDATE ON TABLE billing.cards TO bob')).toEqual({
      operation: 'GRANT',
      tables: ['billing.cards'],
      accesses: [{ table: 'billing.cards', operation: 'GRANT' }],
      summary: 'GRANT billing.cards',
      privilegeChange: true,
    });
    expect(pg('GRANT admin TO bob')).toEqual({
      operation: 'GRANT',
      tables: [],
      accesses: [],
      summary: 'GRANT',
      privilegeChange: true,
    });
    expect(pg('REVOKE ALL ON DATABASE shop FROM PUBLIC')).toMatchObject({
      operation: 'REVOKE',
      tables: [],
      privilegeChange: true,
    });
    expect(pg('ALTER TABLE t OWNER TO r')).toMatchObject({
      operation: 'ALTER TABLE',
      tables: ['t'],
      privilegeChange: true,
    });
    expect(pg('ALTER DATABASE shop OWNER TO r')).toMatchObject({
      operation: 'ALTER DATABASE',
      privilegeChange: true,
    });
    expect(pg('SET ROLE admin')).toEqual({
      operation: 'SET ROLE',
      tables: [],
      accesses: [],
      summary: 'SET ROLE',
      privilegeChange: true,
    });
    expect(pg('SET LOCAL ROLE admin')).toMatchObject({ operation: 'SET ROLE', privilegeChange: true });
    expect(pg('SET SESSION AUTHORIZATION bob')).toMatchObject({ privilegeChange: true });
    expect(pg('RESET ROLE')).toMatchObject({ operation: 'RESET ROLE', privilegeChange: true });
    expect(pg('ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO bob')).toMatchObject({
      operation: 'ALTER DEFAULT PRIVILEGES',
      privilegeChange: true,
    });
    expect(pg('REASSIGN OWNED BY bob TO admin')).toMatchObject({ privilegeChange: true });
    expect(pg("SET search_path = 'public'")).toMatchObject({ operation: 'SET', privilegeChange: false });
  });

  it('reads users and roles in MySQL/MariaDB', () => {
    const my = (sql: string) => describeStatement(sql, 'mysql');
    expect(my("CREATE USER 'bob'@'%' IDENTIFIED BY 'x'")).toMatchObject({
      operation: 'CREATE USER',
      privilegeChange: true,
    });
    expect(my("ALTER USER 'bob'@'localhost' IDENTIFIED BY 'x'")).toMatchObject({
      operation: 'ALTER USER',
      privilegeChange: true,
    });
    expect(my("GRANT ALL PRIVILEGES ON shop.* TO 'bob'@'%'")).toMatchObject({
      operation: 'GRANT',
      tables: [],
      privilegeChange: true,
    });
    expect(my("GRANT SELECT ON shop.users TO 'bob'@'%'")).toMatchObject({
      tables: ['shop.users'],
      privilegeChange: true,
    });
    expect(my("REVOKE INSERT ON *.* FROM 'bob'@'%'")).toMatchObject({
      operation: 'REVOKE',
      privilegeChange: true,
    });
    expect(my("SET PASSWORD FOR 'bob'@'%' = 'x'")).toMatchObject({
      operation: 'SET PASSWORD',
      privilegeChange: true,
    });
    expect(my("RENAME USER 'a'@'%' TO 'b'@'%'")).toMatchObject({
      operation: 'RENAME USER',
      privilegeChange: true,
    });
    expect(my('SET DEFAULT ROLE admin TO bob')).toMatchObject({
      operation: 'SET DEFAULT ROLE',
      privilegeChange: true,
    });
    expect(my('SET ROLE admin')).toMatchObject({ operation: 'SET ROLE', privilegeChange: true });
    expect(my('DROP USER bob')).toMatchObject({ operation: 'DROP USER', privilegeChange: true });
    expect(my('CREATE DEFINER=`root`@`localhost` VIEW v AS SELECT 1')).toMatchObject({
      operation: 'CREATE VIEW',
      privilegeChange: false,
    });
    expect(my('SET NAMES utf8mb4')).toMatchObject({ operation: 'SET', privilegeChange: false });
  });

  it('finds a privilege change stacked after another statement', () => {
    expect(
      describeStatement("SELECT * FROM t WHERE a = ''; GRANT ALL ON users TO eve; --'", 'postgresql'),
    ).toMatchObject({
      operation: 'SELECT',
      privilegeChange: true,
    });
  });

  it('sees no privilege change in SQLite statements, which have no users', () => {
    expect(describeStatement('PRAGMA table_info(users)', 'sqlite')).toMatchObject({
      operation: 'PRAGMA',
      privilegeChange: false,
    });
    expect(describeStatement("ATTACH DATABASE 'x.db' AS x", 'sqlite')).toMatchObject({
      operation: 'ATTACH',
      privilegeChange: false,
    });
  });
});

describe('describeStatement for a repeated query', () => {
  it('answers the same each time, even when a caller changed an earlier answer', () => {
    const sql = 'SELECT * FROM users JOIN orders ON true WHERE id = $1';
    describeStatement(sql, 'postgresql').tables.push('changed');
    expect(describeStatement(sql, 'postgresql').tables).toEqual(['users', 'orders']);
    expect(describeStatement(sql, 'mysql').tables).toEqual(['users', 'orders']);
  });
});

describe('describeStatement on any text', () => {
  it('never throws and always returns upper-case operations and lower-case tables', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), fc.constantFrom(...DIALECTS), (sql, dialect) => {
        const info = describeStatement(sql, dialect);
        expect(info.operation).toBe(info.operation.toUpperCase());
        expect(info.summary.length).toBeLessThanOrEqual(255);
        for (const table of info.tables) expect(table).toBe(table.toLowerCase());
        expect(new Set(info.accesses.map((access) => access.table))).toEqual(new Set(info.tables));
      }),
      { numRuns: 500 },
    );
    expect(describeStatement('', 'postgresql')).toEqual({
      operation: '',
      tables: [],
      accesses: [],
      summary: '',
      privilegeChange: false,
    });
  });
});
