// NestJS and hapi must give the facts express gives for the same requests: the same events, with the same
// request context (method, path, route, user, client), the same refusals and the same input facts. Each
// fixture serves the same shop; only hapi's route syntax (`{id}` for `:id`) and the client port may differ.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReceivedRecord } from '../../../test-support/otlp-sink';
import { nestShop } from './support/nest11';
import { type AppSpec, recordsOfRun, sendShopRequests } from './support/scenario';

const TRUST = { SECOTEL_TRUST_PROXY: 'loopback' };
const EXPRESS: AppSpec = { flag: '--import', script: 'express-app.cjs', env: TRUST };
/** NestJS's guard refusal names the refused controller method and why, beyond what express's 403 carries. */
const NEST_GUARD = { 'security.resource': 'UsersController.findOne', 'security.reason': 'guard_refused' };

const OTHERS: Array<{
  name: string;
  app: AppSpec;
  prepare?: () => void;
  /** What the framework's authz_fail adds to express's. */
  refusalAdds?: Record<string, string>;
}> = [
  { name: 'NestJS 12 on express', ...nestShop('express', 12, TRUST), refusalAdds: NEST_GUARD },
  { name: 'NestJS 12 on fastify', ...nestShop('fastify', 12, TRUST), refusalAdds: NEST_GUARD },
  { name: 'NestJS 11 on express', ...nestShop('express', 11, TRUST), refusalAdds: NEST_GUARD },
  { name: 'NestJS 11 on fastify', ...nestShop('fastify', 11, TRUST), refusalAdds: NEST_GUARD },
  { name: 'hapi 21', app: { flag: '--import', script: 'hapi-app.mjs', env: TRUST } },
];

/** A record as comparable across frameworks: its event and attributes, less the client's ephemeral port. */
function comparable(record: ReceivedRecord): Record<string, unknown> {
  const { 'client.port': _port, ...attributes } = record.attributes;
  const route = attributes['http.route'];
  if (typeof route === 'string') attributes['http.route'] = route.replace(/\{(\w+)\}/g, ':$1');
  return { event: record.eventName, ...attributes };
}

function comparableRun(records: readonly ReceivedRecord[]): Array<Record<string, unknown>> {
  const key = (record: Record<string, unknown>) => `${record.event} ${String(record['url.path'])}`;
  return records.map(comparable).sort((a, b) => key(a).localeCompare(key(b)));
}

async function factsOf(app: AppSpec) {
  const { records } = await recordsOfRun(
    app,
    async (server) => {
      await sendShopRequests(server, 'parity/1.0', '198.51.100.7');
      // Attacks in the query, a cookie and the path, on a route that answers 200.
      const root = { 'x-user': 'root', 'user-agent': 'parity/1.0' };
      await server.send({ path: '/api/users/7?next=%0d%0aSet-Cookie:%20x=1', headers: root });
      await server.send({ path: '/api/users/8', headers: { ...root, cookie: 'file=../../etc/passwd' } });
      await server.send({ path: '/api/users/%00admin', headers: root });
    },
    9,
  );
  return comparableRun(records);
}

describe('facts of the same requests', () => {
  let expressFacts: Array<Record<string, unknown>>;

  beforeAll(async () => {
    expressFacts = await factsOf(EXPRESS);
  });

  it('are the nine express reports', () => {
    expect(
      expressFacts.map((fact) => `${fact.event} ${String(fact['security.attack.source'] ?? '')}`.trim()),
    ).toEqual([
      'security.authz_fail',
      'security.excess_rate_limit_exceeded',
      'security.input_validation_fail body',
      'security.input_validation_fail path',
      'security.input_validation_fail query',
      'security.input_validation_fail cookie',
      'security.request_rejected',
      'security.request_unauthorized',
      'security.sensitive_read',
    ]);
  });

  it.each(OTHERS)('are the same under $name', async ({ app, prepare, refusalAdds }) => {
    prepare?.();
    const facts = await factsOf(app);
    if (refusalAdds !== undefined) {
      const refusal = facts.find((fact) => fact.event === 'security.authz_fail') ?? {};
      expect(refusal).toMatchObject(refusalAdds);
      for (const key of Object.keys(refusalAdds)) delete refusal[key];
    }
    expect(facts).toEqual(expressFacts);
  });
});
