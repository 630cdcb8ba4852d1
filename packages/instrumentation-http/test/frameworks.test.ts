import { beforeAll, describe, expect, it } from 'vitest';
import type { ReceivedRecord } from '../../../test-support/otlp-sink';
import { recordFor } from '../../../test-support/records';
import { express4Directory } from './support/express4';
import { nestShop } from './support/nest11';
import { type AppSpec, recordsOfRun, sendShopRequests } from './support/scenario';

const AGENT = 'shop-test/2.0';
const PROXIED_CLIENT = '198.51.100.23';
const TRUST = { SECOTEL_TRUST_PROXY: 'loopback' };

/** hapi writes route parameters as `{id}`, the others as `:id`; each reports its own syntax. */
const braces = (template: string) => template.replace(/:(\w+)/g, '{$1}');
const same = (template: string) => template;

const frameworks: Array<{
  name: string;
  app: AppSpec;
  scheme: string;
  route?: (template: string) => string;
  /** Installs what the app needs first (NestJS 11 lives outside the repository's node_modules). */
  prepare?: () => void;
}> = [
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
  { name: 'NestJS 12 on express', ...nestShop('express', 12, TRUST), scheme: 'Basic' },
  { name: 'NestJS 12 on fastify', ...nestShop('fastify', 12, TRUST), scheme: 'Basic' },
  { name: 'NestJS 11 on express', ...nestShop('express', 11, TRUST), scheme: 'Basic' },
  { name: 'NestJS 11 on fastify', ...nestShop('fastify', 11, TRUST), scheme: 'Basic' },
  {
    name: 'hapi 21',
    app: { flag: '--import', script: 'hapi-app.mjs', env: TRUST },
    scheme: 'Basic',
    route: braces,
  },
];

describe.each(frameworks)('$name', ({ app, scheme, route = same, prepare }) => {
  let records: ReceivedRecord[];
  let stderr: string;

  beforeAll(async () => {
    prepare?.();
    ({ records, stderr } = await recordsOfRun(
      app,
      (server) => sendShopRequests(server, AGENT, PROXIED_CLIENT),
      6,
    ));
  });

  it('reports a 403 with the route template, the authenticated user and the proxied client', () => {
    const record = recordFor(records, 'security.authz_fail', '/api/users/42');
    expect(record.attributes).toMatchObject({
      'http.response.status_code': 403,
      'http.route': route('/api/users/:id'),
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
      'http.route': route('/api/teams/:team/members/:member'),
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
