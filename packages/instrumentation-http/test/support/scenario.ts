import { resolve } from 'node:path';
import type { AppProcess } from '../../../../test-support/app-process';
import { type AppSpec, recordsOfRun as recordsOfAppRun } from '../../../../test-support/app-run';
import type { ReceivedRecord } from '../../../../test-support/otlp-sink';

export type { AppSpec };

export const FIXTURES = resolve(__dirname, '../fixtures');

/** test-support's recordsOfRun for an app of this package's fixtures (`script` relative to them unless `cwd` says otherwise). */
export function recordsOfRun(
  app: AppSpec,
  exercise: (server: AppProcess) => Promise<void>,
  expectedRecords: number,
): Promise<{ records: ReceivedRecord[]; stderr: string }> {
  return recordsOfAppRun({ cwd: FIXTURES, ...app }, exercise, expectedRecords);
}

/**
 * The requests every shop fixture answers alike: a 403 and a 200 on a route with a parameter, a 401, a 429 on a
 * nested route, a 404, a body read after async work, an attack in a JSON body and a benign look-alike.
 */
export async function sendShopRequests(
  server: AppProcess,
  agent: string,
  proxiedClient: string,
): Promise<void> {
  const headers = { 'user-agent': agent, 'x-forwarded-for': proxiedClient };
  const json = { ...headers, 'content-type': 'application/json' };
  await server.send({ path: '/api/users/42', headers: { ...headers, 'x-user': 'alice' } });
  await server.send({ path: '/api/users/42', headers: { ...headers, 'x-user': 'root' } });
  await server.send({ path: '/api/login', headers });
  await server.send({ path: '/api/teams/red/members/bob', headers });
  await server.send({ path: '/nowhere', headers });
  await server.send({
    path: '/api/orders',
    method: 'POST',
    headers: { ...json, 'x-user': 'carol' },
    body: '{"order":7}',
  });
  await server.send({
    path: '/api/comments',
    method: 'POST',
    headers: json,
    body: '{"file":"../../../etc/passwd"}',
  });
  await server.send({ path: '/api/comments', method: 'POST', headers: json, body: '{"name":"O\'Brien"}' });
}
