// NestJS guards: a refusal names the controller method it refused, whether the guard returned false or threw a
// ForbiddenException, and is one fact even when an exception filter hides it behind a 404 (the 404 is a fact of
// its own). A guard that lets the request through, and one that throws UnauthorizedException, add nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReceivedRecord } from '../../../test-support/otlp-sink';
import { recordFor, recordsFor } from '../../../test-support/records';
import { nestShop } from './support/nest11';
import { type AppSpec, recordsOfRun } from './support/scenario';

const APPS: Array<{ name: string; app: AppSpec; prepare?: () => void }> = [
  { name: 'NestJS 12 on express', ...nestShop('express', 12) },
  { name: 'NestJS 12 on fastify', ...nestShop('fastify', 12) },
  { name: 'NestJS 11 on fastify', ...nestShop('fastify', 11) },
];

describe.each(APPS)('$name', ({ app, prepare }) => {
  let records: ReceivedRecord[];
  let stderr: string;

  beforeAll(async () => {
    prepare?.();
    ({ records, stderr } = await recordsOfRun(
      app,
      async (server) => {
        await server.send({ path: '/api/users/42', headers: { 'x-user': 'alice' } });
        await server.send({ path: '/api/users/42', headers: { 'x-user': 'root' } });
        await server.send({ path: '/api/admin/audit', headers: { 'x-user': 'root' } });
        await server.send({ path: '/api/admin/hidden', headers: { 'x-user': 'alice' } });
        await server.send({ path: '/api/login' });
      },
      5,
    ));
  });

  it('reports a guard returning false with the controller method and route', () => {
    expect(recordsFor(records, '/api/users/42').map((record) => record.eventName)).toEqual([
      'security.authz_fail',
    ]);
    expect(recordFor(records, 'security.authz_fail', '/api/users/42').attributes).toMatchObject({
      'security.resource': 'UsersController.findOne',
      'security.reason': 'guard_refused',
      'http.route': '/api/users/:id',
      'http.response.status_code': 403,
      'user.name': 'alice',
    });
  });

  it('reports a guard throwing ForbiddenException once, with the controller method', () => {
    expect(recordsFor(records, '/api/admin/audit').map((record) => record.eventName)).toEqual([
      'security.authz_fail',
    ]);
    expect(recordFor(records, 'security.authz_fail', '/api/admin/audit').attributes).toMatchObject({
      'security.resource': 'ApiController.audit',
      'http.route': '/api/admin/audit',
      'user.name': 'root',
    });
  });

  it('reports a refusal an exception filter answers with 404, and the 404', () => {
    expect(
      recordsFor(records, '/api/admin/hidden')
        .map((record) => record.eventName)
        .sort(),
    ).toEqual(['security.authz_fail', 'security.request_rejected']);
    expect(recordFor(records, 'security.authz_fail', '/api/admin/hidden').attributes).toMatchObject({
      'security.resource': 'ApiController.hidden',
    });
  });

  it('leaves a 401 from a guard to the refusal facts', () => {
    expect(recordsFor(records, '/api/login').map((record) => record.eventName)).toEqual([
      'security.request_unauthorized',
    ]);
    expect(records).toHaveLength(5);
    expect(stderr).toBe('');
  });
});
