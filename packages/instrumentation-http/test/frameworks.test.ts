import { beforeAll, describe, expect, it } from 'vitest';
import type { ReceivedRecord } from '../../../test-support/otlp-sink';
import { recordFor } from '../../../test-support/records';
import { express4Directory } from './support/express4';
import { type AppSpec, recordsOfRun } from './support/scenario';

const AGENT = 'shop-test/2.0';
const PROXIED_CLIENT = '198.51.100.23';
const TRUST = { SECOTEL_TRUST_PROXY: 'loopback' };

const frameworks: Array<{ name: string; app: AppSpec; scheme: string }> = [
  {
    name: 'express 5 (ESM loader)',
    app: { flag: '--import', script: 'express-app.cjs', env: TRUST },
    scheme: 'Basic',
  },
  {
    name: 'express 4 (CommonJS --require)',
    app: {
      flag: '--require',
      script: 'express-app.cjs',
      env: { ...TRUST, EXPRESS_MODULE: express4Directory() },
    },
    scheme: 'Basic',
  },
  { name: 'fastify 5', app: { flag: '--import', script: 'fastify-app.mjs', env: TRUST }, scheme: 'Bearer' },
  { name: 'koa 3', app: { flag: '--import', script: 'koa-app.mjs', env: TRUST }, scheme: 'Digest' },
];

describe.each(frameworks)('$name', ({ app, scheme }) => {
  let records: ReceivedRecord[];
  let stderr: string;

  beforeAll(async () => {
    ({ records, stderr } = await recordsOfRun(
      app,
      async (server) => {
        const headers = { 'user-agent': AGENT, 'x-forwarded-for': PROXIED_CLIENT };
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
        await server.send({
          path: '/api/comments',
          method: 'POST',
          headers: json,
          body: '{"name":"O\'Brien"}',
        });
      },
      6,
    ));
  });

  it('reports a 403 with the route template, the authenticated user and the proxied client', () => {
    const record = recordFor(records, 'security.authz_fail', '/api/users/42');
    expect(record.attributes).toMatchObject({
      'http.response.status_code': 403,
      'http.route': '/api/users/:id',
      'http.request.method': 'GET',
      'user.id': 'id-alice',
      'user.name': 'alice',
      'user.roles': ['user'],
      'client.address': PROXIED_CLIENT,
      'user_agent.original': AGENT,
    });
  });

  it('reports a 401 with its scheme and route', () => {
    expect(recordFor(records, 'security.request_unauthorized', '/api/login').attributes).toMatchObject({
      'security.auth.scheme': scheme,
      'http.route': '/api/login',
    });
  });

  it('builds the template of a nested route', () => {
    expect(
      recordFor(records, 'security.excess_rate_limit_exceeded', '/api/teams/red/members/bob').attributes,
    ).toMatchObject({
      'http.response.status_code': 429,
      'http.route': '/api/teams/:team/members/:member',
    });
  });

  it('reports a 404 for a path no route knows, without a route', () => {
    const record = recordFor(records, 'security.request_rejected', '/nowhere');
    expect(record.attributes['http.response.status_code']).toBe(404);
    expect(record.attributes['http.route']).toBeUndefined();
  });

  it('carries route and user into an event the handler emits after async work', () => {
    expect(recordFor(records, 'security.sensitive_read', '/api/orders').attributes).toMatchObject({
      'security.resource': 'orders:7',
      'http.route': '/api/orders',
      'user.name': 'carol',
      'client.address': PROXIED_CLIENT,
    });
  });

  it('finds an attack in the parsed body and none in a benign one', () => {
    expect(recordFor(records, 'security.input_validation_fail', '/api/comments').attributes).toMatchObject({
      'security.attack.kind': 'path_traversal',
      'security.attack.source': 'body',
      'security.attack.path': '.body.file',
      'http.route': '/api/comments',
    });
    expect(records).toHaveLength(6);
    expect(stderr).not.toContain('internal error');
  });
});
