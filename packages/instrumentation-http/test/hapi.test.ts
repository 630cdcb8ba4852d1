// hapi specifics: the user of a strategy that nests it under `credentials.user`, a route template in hapi's
// syntax, and no route for a path hapi's own notFound route answers.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReceivedRecord } from '../../../test-support/otlp-sink';
import { recordFor } from '../../../test-support/records';
import { recordsOfRun } from './support/scenario';

describe('hapi 21', () => {
  let records: ReceivedRecord[];

  beforeAll(async () => {
    ({ records } = await recordsOfRun(
      { flag: '--import', script: 'hapi-app.mjs' },
      async (server) => {
        await server.send({ path: '/api/nested/users/7', headers: { 'x-user': 'alice' } });
        await server.send({ path: '/api/nested/users/8', headers: { 'x-user': 'root' } });
        await server.send({ path: '/api/no/such/thing' });
      },
      2,
    ));
  });

  it('reads the user a strategy nests under credentials.user', () => {
    expect(recordFor(records, 'security.authz_fail', '/api/nested/users/7').attributes).toMatchObject({
      'user.id': 'id-alice',
      'user.name': 'alice',
      'http.route': '/api/nested/users/{id}',
    });
  });

  it("reports no route for a path only hapi's notFound route answers", () => {
    const record = recordFor(records, 'security.request_rejected', '/api/no/such/thing');
    expect(record.attributes['http.route']).toBeUndefined();
    expect(records).toHaveLength(2);
  });
});
