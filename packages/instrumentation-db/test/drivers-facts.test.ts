import { beforeAll, describe, expect, it } from 'vitest';
import type { ReceivedRecord } from '../../../test-support/otlp-sink';
import {
  DRIVERS,
  type Driver,
  dbRecords,
  expectSameRun,
  runScript,
  sensitiveFacts,
  serverEnv,
} from './support/runs';

const SECRET = 'Tr0ub4dor-and-3';

const SYSTEM: Record<Driver, string> = {
  'pg-client': 'postgresql',
  'pg-pool': 'postgresql',
  mysql2: 'mariadb',
  'mysql2-promise': 'mariadb',
  'node-sqlite': 'sqlite',
  'better-sqlite3': 'sqlite',
};

/**
 * fixtures/scenario.cjs against the real servers (and a real SQLite file): the same statements once without
 * secotel and once with it (CommonJS --require), so the application's results and errors can be compared,
 * and the facts of the secotel run checked: sensitive-table reads and writes with their row counts, privilege
 * changes without the password, and the server's refusal of a wrong password.
 */
describe.each(DRIVERS)('%s', (driver) => {
  const suffix = driver.replace(/-/g, '_');
  const customers = `customers_${suffix}`;
  let bare: Awaited<ReturnType<typeof runScript>>;
  let instrumented: Awaited<ReturnType<typeof runScript>>;
  let records: ReceivedRecord[];

  beforeAll(async () => {
    const env = {
      DRIVER: driver,
      SUFFIX: suffix,
      SECRET_PASSWORD: SECRET,
      SQLITE_FILE: `${process.env.TMPDIR ?? '/tmp'}/secotel-db-facts-${process.pid}-${suffix}.db`,
    };
    bare = await runScript('scenario.cjs', env);
    instrumented = await runScript(
      'scenario.cjs',
      { ...env, SECOTEL_SENSITIVE_TABLES: customers },
      '--require',
    );
    records = instrumented.records;
  });

  it('leaves the results and errors the application sees exactly as they are without secotel', () => {
    expectSameRun(bare, instrumented);
    expect(bare.stdout).toContain('"step":"syntax error","error"');
  });

  it('reports reads and writes of a sensitive table with their row counts, and nothing for other tables', () => {
    const sensitive = (name: string) => sensitiveFacts(records, name);
    const expected = (operation: string, rows: number) => [
      { table: customers, operation, rows, system: SYSTEM[driver] },
    ];
    expect(sensitive('sensitive_create')).toEqual(expected('INSERT', 3));
    // pg-client also reads through a Query object (3 rows); the parameterized read returns one row.
    const queryObject = driver === 'pg-client' ? expected('SELECT', 3) : [];
    const reads = sensitive('sensitive_read');
    expect(reads.filter((read) => read.operation === 'SELECT')).toEqual([
      ...expected('SELECT', 3),
      ...queryObject,
      ...expected('SELECT', 1),
    ]);
    // INSERT ... SELECT FROM customers reads customers; it is no sensitive create.
    expect(reads.filter((read) => read.operation === 'INSERT').map((read) => read.table)).toEqual([
      customers,
    ]);
    expect(sensitive('sensitive_update')).toEqual(expected('UPDATE', 1));
    expect(sensitive('sensitive_delete')).toEqual(expected('DELETE', 1));
    for (const record of records) expect(record.raw).not.toContain('4111111111111111');
  });

  // SQLite has no users, roles or logins.
  if (SYSTEM[driver] !== 'sqlite') {
    it('reports each privilege change with the statement summary, never the password', () => {
      const changes = dbRecords(records, 'security.privilege_permissions_changed');
      const operations = changes.map((r) => String(r.attributes['db.operation.name']).toUpperCase());
      // PostgreSQL: DROP ROLE IF EXISTS, CREATE ROLE, GRANT, REVOKE, ALTER USER, REVOKE ALL, DROP ROLE;
      // MariaDB: DROP USER IF EXISTS, CREATE USER, GRANT, REVOKE, ALTER USER, DROP USER.
      expect(operations).toHaveLength(SYSTEM[driver] === 'postgresql' ? 7 : 6);
      expect(operations).toEqual(expect.arrayContaining(['GRANT', 'REVOKE']));
      expect(operations.some((op) => op.startsWith('CREATE'))).toBe(true);
      expect(operations.some((op) => op.startsWith('ALTER'))).toBe(true);
      for (const change of changes) {
        expect(change.attributes).toMatchObject({ 'db.system.name': SYSTEM[driver] });
        expect(typeof change.attributes['db.query.summary']).toBe('string');
      }
      for (const record of records) expect(record.raw).not.toContain(SECRET);
    });

    it('reports a login the server refused, with the database user and no password', () => {
      const env = serverEnv();
      const postgres = SYSTEM[driver] === 'postgresql';
      const [refusal, ...more] = dbRecords(records, 'security.authn_login_fail');
      expect(more).toEqual([]);
      expect(refusal?.attributes).toMatchObject({
        'user.name': postgres ? env.PG_USER : env.MYSQL_USER,
        'db.system.name': SYSTEM[driver],
        'db.namespace': postgres ? env.PG_DATABASE : env.MYSQL_DATABASE,
        'server.address': '127.0.0.1',
        'server.port': Number(postgres ? env.PG_PORT : env.MYSQL_PORT),
        'security.reason': 'bad_password',
        'error.type': postgres ? '28P01' : 'ER_ACCESS_DENIED_ERROR',
      });
      expect(bare.stdout).toMatch(/"step":"wrong password","error"/);
    });
  }

  it('emits no injection fact outside of a request', () => {
    expect(dbRecords(records, 'security.input_validation_fail')).toEqual([]);
  });
});

describe('ES modules (--import)', () => {
  it('hooks pg, mysql2/promise, better-sqlite3, node:sqlite and mongodb imported from an ES module', async () => {
    const run = await runScript('esm-check.mjs', { SECOTEL_SENSITIVE_TABLES: 'customers_esm' }, '--import');
    expect(run.code, run.stderr).toBe(0);
    const reads = dbRecords(run.records, 'security.sensitive_read').map(
      (r) => r.attributes['db.system.name'],
    );
    expect(reads.sort()).toEqual(['mariadb', 'mongodb', 'postgresql', 'sqlite', 'sqlite']);
  });
});
