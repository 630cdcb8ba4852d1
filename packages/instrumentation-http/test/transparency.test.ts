import { describe, expect, it } from 'vitest';
import { AppProcess, type Reply, type RequestSpec } from '../../../test-support/app-process';
import { OtlpSink } from '../../../test-support/otlp-sink';
import { NEST11_DIR, prepareNest11 } from './support/nest11';
import { FIXTURES } from './support/scenario';

const json = { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.1' };
/** Served, refused, malformed and hostile requests alike. */
const SEQUENCE: RequestSpec[] = [
  { path: '/' },
  { path: '/api/users/42', headers: { 'x-user': 'alice' } },
  { path: '/api/users/42', headers: { 'x-user': 'root' } },
  { path: '/api/login' },
  { path: '/api/teams/red/members/bob' },
  { path: '/api/orders', method: 'POST', headers: { ...json, 'x-user': 'carol' }, body: '{"order":7}' },
  {
    path: '/api/comments',
    method: 'POST',
    headers: json,
    body: '{"file":"../../../etc/passwd","n":"\\u0000"}',
  },
  { path: '/api/comments', method: 'POST', headers: json, body: '{"broken json' },
  { path: '/../../etc/passwd', headers: { 'user-agent': 'sqlmap/1.8' } },
  { path: '/nowhere?q=%0d%0aSet-Cookie:%20x=1', method: 'DELETE' },
];

/** Requests node's parser refuses before the application sees them. */
const MALFORMED = [
  'GARBAGE / HTTP/1.1\r\n\r\n',
  `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
];

const apps: Array<{
  name: string;
  script: string;
  env?: Record<string, string>;
  cwd?: string;
  prepare?: () => void;
}> = [
  { name: 'express 5', script: 'express-app.cjs' },
  { name: 'fastify 5', script: 'fastify-app.mjs' },
  { name: 'koa 3', script: 'koa-app.mjs' },
  { name: 'node:http', script: 'node-app.mjs' },
  { name: 'NestJS on express', script: 'nest-app.mjs', env: { NEST_ADAPTER: 'express' } },
  { name: 'NestJS on fastify', script: 'nest-app.mjs', env: { NEST_ADAPTER: 'fastify' } },
  {
    name: 'NestJS 11 on express',
    script: 'nest-app.mjs',
    env: { NEST_ADAPTER: 'express' },
    cwd: NEST11_DIR,
    prepare: prepareNest11,
  },
  {
    name: 'NestJS 11 on fastify',
    script: 'nest-app.mjs',
    env: { NEST_ADAPTER: 'fastify' },
    cwd: NEST11_DIR,
    prepare: prepareNest11,
  },
  { name: 'hapi 21', script: 'hapi-app.mjs' },
];

/**
 * In production mode: in development, express shows error stack traces to the client, and those name
 * secotel's frames when a request event ran through it.
 */
async function replies(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<Array<Reply | string>> {
  const app = await AppProcess.start(args, cwd, { NODE_ENV: 'production', ...env });
  try {
    const answers: Array<Reply | string> = [];
    for (const spec of SEQUENCE) {
      const reply = await app.send(spec);
      // The only header that may differ between two runs of the same app.
      delete reply.headers.date;
      answers.push(reply);
    }
    for (const bytes of MALFORMED) answers.push(await app.sendRaw(bytes));
    return answers;
  } finally {
    await app.stop();
  }
}

describe.each(apps)('$name with and without secotel', ({ script, env = {}, cwd = FIXTURES, prepare }) => {
  it('answers the same request sequence byte for byte', async () => {
    const sink = await OtlpSink.start();
    try {
      prepare?.();
      const bare = await replies([script], cwd, env);
      const instrumented = await replies(['--import', '@secotel/node/register', script], cwd, {
        ...env,
        OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: sink.logsEndpoint,
        SECOTEL_TRUST_PROXY: 'loopback',
      });
      expect(instrumented).toEqual(bare);
      // Facts were recorded, so the instrumented run did take the instrumented paths.
      await sink.waitForRecords(3);
    } finally {
      await sink.stop();
    }
  });
});
