import { beforeAll, describe, expect, it } from 'vitest';
import type { ReceivedRecord } from '../../../test-support/otlp-sink';
import {
  dbRecords,
  expectSameRun,
  MONGO_CLIENTS,
  runScript,
  sensitiveFacts,
  serverEnv,
} from './support/runs';

const SECRET = 'Tr0ub4dor-and-3';

/**
 * fixtures/mongo-scenario.cjs against FerretDB, once without secotel and once with it (CommonJS --require), per
 * client: the application's results and errors compared, and the facts of the secotel run checked.
 */
describe.each(MONGO_CLIENTS)('%s', (client) => {
  const suffix = client;
  const customers = `customers_${suffix}`;
  let bare: Awaited<ReturnType<typeof runScript>>;
  let instrumented: Awaited<ReturnType<typeof runScript>>;
  let records: ReceivedRecord[];

  beforeAll(async () => {
    const env = { DRIVER: client, SUFFIX: suffix, SECRET_PASSWORD: SECRET };
    bare = await runScript('mongo-scenario.cjs', env);
    instrumented = await runScript(
      'mongo-scenario.cjs',
      // mongoose runs name the collection with its database, the driver runs by itself.
      {
        ...env,
        SECOTEL_SENSITIVE_TABLES: client.startsWith('mongoose')
          ? `${serverEnv().MONGO_DATABASE}.${customers}`
          : customers,
      },
      '--require',
    );
    records = instrumented.records;
  });

  it('leaves the results and errors the application sees exactly as they are without secotel', () => {
    expectSameRun(bare, instrumented);
    expect(bare.stdout).toContain('"step":"create user","result":{"ok":1}');
  });

  it('reports reads and writes of a sensitive collection with their counts, and nothing for others', () => {
    const sensitive = (name: string) => sensitiveFacts(records, name);
    const expected = (operation: string, rows: number) => [
      { table: customers, operation, rows, system: 'mongodb' },
    ];
    expect(sensitive('sensitive_create')).toEqual(expected('insert', 3));
    expect(sensitive('sensitive_read')).toEqual([...expected('find', 3), ...expected('find', 1)]);
    expect(sensitive('sensitive_update')).toEqual(expected('update', 1));
    // The scenario drops the collection as it starts and as it ends; the server accepts a drop of nothing.
    const drop = { ...expected('drop', 0)[0], rows: undefined };
    expect(sensitive('sensitive_delete')).toEqual([drop, ...expected('delete', 1), drop]);
    for (const fact of dbRecords(records, 'security.sensitive_read')) {
      expect(fact.attributes['db.query.summary']).toBe(`find ${customers}`);
    }
    for (const record of records) expect(record.raw).not.toContain('4111111111111111');
  });

  it('reports each user change the server made, never the password, and none it refused', () => {
    const changes = dbRecords(records, 'security.privilege_permissions_changed');
    // FerretDB 1.24 answers grantRolesToUser and revokeRolesFromUser with CommandNotFound: no change, no fact.
    expect(bare.stdout).toContain('"step":"grant roles","error":{"name":"MongoServerError","code":59');
    expect(changes.map((r) => r.attributes['db.operation.name'])).toEqual([
      'createUser',
      'updateUser',
      'dropUser',
    ]);
    for (const change of changes) {
      expect(change.attributes).toMatchObject({
        'db.system.name': 'mongodb',
        'db.namespace': serverEnv().MONGO_DATABASE,
      });
    }
    for (const record of records) expect(record.raw).not.toContain(SECRET);
  });

  it('reports a login the server refused, with the database user and no password', () => {
    const env = serverEnv();
    const refusals = dbRecords(records, 'security.authn_login_fail');
    expect(refusals.length).toBeGreaterThanOrEqual(1);
    for (const refusal of refusals) {
      expect(refusal.attributes).toMatchObject({
        'user.name': env.MONGO_ADMIN_USER,
        'db.system.name': 'mongodb',
        'db.namespace': env.MONGO_DATABASE,
        'server.address': '127.0.0.1',
        'server.port': Number(env.MONGO_PORT),
        'security.reason': 'bad_password',
        'error.type': 'AuthenticationFailed',
      });
    }
    expect(bare.stdout).toMatch(/"step":"wrong password","error":\{"name":"MongoServerError","code":18/);
  });

  it('emits no injection fact outside of a request', () => {
    expect(dbRecords(records, 'security.input_validation_fail')).toEqual([]);
  });
});
