import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReceivedRecord } from '../../../test-support/otlp-sink';
import { recordFor } from '../../../test-support/records';
import { recordsOfRun } from './support/scenario';

const AGENT = 'shop-test/1.0';
const PROXIED_CLIENT = '203.0.113.9';
const RESET_TOKEN = 'Fe26z9Qm3kT1xY7pL0aR';

describe('a node:http server behind a trusted proxy (SECOTEL_TRUST_PROXY=loopback)', () => {
  let records: ReceivedRecord[];
  let stderr: string;
  const rawAnswers: string[] = [];
  let expectationAnswer = '';

  beforeAll(async () => {
    ({ records, stderr } = await recordsOfRun(
      { flag: '--import', script: 'node-app.mjs', env: { SECOTEL_TRUST_PROXY: 'loopback' } },
      async (app) => {
        rawAnswers.push(await app.sendRaw('GARBAGE / HTTP/1.1\r\nHost: x\r\n\r\n'));
        rawAnswers.push(
          await app.sendRaw(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`),
        );
        // One keep-alive connection whose requests repeat their headers, but for one value now and then.
        await app.sendRaw(
          ['report.pdf', '../../etc/passwd', 'report.pdf', '..%2f..%2fetc%2fshadow']
            .map((file) => `GET /files HTTP/1.1\r\nHost: x\r\nX-File: ${file}\r\n\r\n`)
            .join(''),
        );
        // Another, after a clean request: the same header values under swapped names (the agent now names a
        // tool), then the clean request's headers with a new URL that carries an attack.
        await app.sendRaw(
          [
            'GET /files HTTP/1.1\r\nHost: x\r\nX-Note: sqlmap/1.7\r\nUser-Agent: curl/8.5\r\n\r\n',
            'GET /files HTTP/1.1\r\nHost: x\r\nUser-Agent: sqlmap/1.7\r\nX-Note: curl/8.5\r\n\r\n',
            'GET /files/..%2f..%2fetc%2fpasswd HTTP/1.1\r\nHost: x\r\nX-Note: sqlmap/1.7\r\nUser-Agent: curl/8.5\r\n\r\n',
          ].join(''),
        );
        // An expectation node does not know: it answers 417 itself and emits no 'request' event at all.
        expectationAnswer = await app.sendRaw(
          'GET /files/..%2f..%2fetc%2fhosts HTTP/1.1\r\nHost: x\r\nExpect: x-evade\r\n\r\n',
        );
        const headers = { 'user-agent': AGENT };
        await app.send({ path: '/login?next=%2Faccount', headers });
        await app.send({
          path: '/admin',
          headers: { ...headers, 'x-forwarded-for': `${PROXIED_CLIENT}, 127.0.0.1` },
        });
        await app.send({
          path: '/staff',
          headers: { ...headers, forwarded: 'for="[2001:db8::7]:4711";proto=https' },
        });
        await app.send({ path: '/vip', headers });
        await app.send({ path: '/busy', headers });
        await app.send({ path: '/haunted', headers });
        await app.send({ path: '/upload', method: 'POST', headers, body: 'x'.repeat(64) });
        await app.send({ path: '/nowhere', headers });
        await app.send({ path: `/reset/${RESET_TOKEN}`, headers });
        await app.send({ path: '/', headers });
        await app.send({ path: '/goodbye', headers });
        await app.send({
          path: '/orders',
          method: 'POST',
          headers: { ...headers, 'x-forwarded-for': PROXIED_CLIENT, 'content-type': 'application/json' },
          body: '{"order":42}',
        });
        // The body's second half comes after the answer: node then listens to the request's 'end' itself, beside
        // the application, and emits it from the socket, outside the request.
        await new Promise<void>((resolve, reject) => {
          const socket = connect(app.port, '127.0.0.1', () =>
            socket.write(
              `POST /receipt HTTP/1.1\r\nHost: x\r\nUser-Agent: ${AGENT}\r\n` +
                `X-Forwarded-For: ${PROXIED_CLIENT}\r\nContent-Length: 8\r\n\r\nhalf`,
            ),
          );
          socket.once('data', () => socket.end('done'));
          socket.once('error', reject);
          socket.once('close', () => resolve());
        });
      },
      20,
    ));
  });

  it('checks the input of a request node answers by itself with 417 (an Expect header it does not know)', () => {
    expect(expectationAnswer).toMatch(/^HTTP\/1\.1 417 /);
    const traversal = recordFor(records, 'security.input_validation_fail', '/files/..%2f..%2fetc%2fhosts');
    expect(traversal.attributes['security.attack.kind']).toBe('path_traversal');
  });

  it('redacts the token of a password-reset path in the automatic refusal fact', () => {
    const record = recordFor(records, 'security.request_rejected', '/reset/[REDACTED:token]');
    expect(record.attributes['http.response.status_code']).toBe(404);
    expect(JSON.stringify(records)).not.toContain(RESET_TOKEN);
  });

  it('does not repeat a refusal the application reported by hand', () => {
    const refusals = records.filter(
      (r) => r.eventName === 'security.authz_fail' && r.attributes['url.path'] === '/vip',
    );
    expect(refusals).toHaveLength(1);
    expect(refusals[0]?.attributes['security.resource']).toBe('vip-lounge');
  });

  it('reports a 401 with the WWW-Authenticate scheme, method, path without query, client and agent', () => {
    const record = recordFor(records, 'security.request_unauthorized', '/login');
    expect(record.attributes).toMatchObject({
      'http.response.status_code': 401,
      'security.auth.scheme': 'Bearer',
      'http.request.method': 'GET',
      'client.address': '127.0.0.1',
      'user_agent.original': AGENT,
    });
    expect(record.attributes['client.port']).toEqual(expect.any(Number));
    expect(record.raw).not.toContain('next=');
  });

  it('reports a 403 with the client address a trusted proxy forwarded', () => {
    const record = recordFor(records, 'security.authz_fail', '/admin');
    expect(record.attributes).toMatchObject({
      'http.response.status_code': 403,
      'client.address': PROXIED_CLIENT,
    });
  });

  it('reads the standard Forwarded header when X-Forwarded-For is absent', () => {
    const record = recordFor(records, 'security.authz_fail', '/staff');
    expect(record.attributes['client.address']).toBe('2001:db8::7');
  });

  it('still reports a refusal when reading the user throws, and reports that once', async () => {
    const record = recordFor(records, 'security.authz_fail', '/haunted');
    expect(record.attributes['user.name']).toBeUndefined();
    expect(stderr.match(/internal error in request user/g)).toHaveLength(1);
  });

  it('reports a 429 with the limit the response announced', () => {
    const record = recordFor(records, 'security.excess_rate_limit_exceeded', '/busy');
    expect(record.attributes).toMatchObject({ 'http.response.status_code': 429, 'security.limit': 100 });
  });

  it('reports 413 and 404 as rejected requests', () => {
    expect(recordFor(records, 'security.request_rejected', '/upload').attributes).toMatchObject({
      'http.response.status_code': 413,
      'http.request.method': 'POST',
    });
    expect(recordFor(records, 'security.request_rejected', '/nowhere').attributes).toMatchObject({
      'http.response.status_code': 404,
    });
  });

  it("reports requests node's parser refused before they became requests, leaving node's answer as it was", () => {
    expect(rawAnswers[0]).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    expect(rawAnswers[1]).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large/);
    const rejected = records.filter((r) => r.attributes['error.type'] !== undefined).map((r) => r.attributes);
    expect(rejected).toEqual([
      expect.objectContaining({
        'http.response.status_code': 400,
        'error.type': 'HPE_INVALID_METHOD',
        'client.address': '127.0.0.1',
      }),
      expect.objectContaining({
        'http.response.status_code': 431,
        'error.type': 'HPE_HEADER_OVERFLOW',
        'client.address': '127.0.0.1',
      }),
    ]);
  });

  it('carries the request context into events emitted from body listeners and async work', () => {
    const record = recordFor(records, 'security.sensitive_read', '/orders');
    expect(record.attributes).toMatchObject({
      'security.resource': 'orders:42',
      'http.request.method': 'POST',
      'client.address': PROXIED_CLIENT,
      'user_agent.original': AGENT,
      'user.id': 'u-7',
      'user.name': 'carol',
    });
  });

  it("checks every header value that differs from the connection's last request", () => {
    const payloads = records
      .filter(
        (r) => r.eventName === 'security.input_validation_fail' && r.attributes['url.path'] === '/files',
      )
      .map((r) => [r.attributes['security.attack.path'], r.attributes['security.attack.payload']]);
    expect(payloads).toEqual([
      ['.headers.x-file', '../../etc/passwd'],
      ['.headers.x-file', '..%2f..%2fetc%2fshadow'],
    ]);
  });

  it("does not take a request for the connection's last clean one unless its URL and every header are equal", () => {
    const tools = records.filter((r) => r.eventName === 'security.malicious_attack_tool');
    expect(tools.map((r) => [r.attributes['url.path'], r.attributes['security.attack.tool']])).toEqual([
      ['/files', 'sqlmap'],
    ]);
    const traversal = recordFor(records, 'security.input_validation_fail', '/files/..%2f..%2fetc%2fpasswd');
    expect(traversal.attributes['security.attack.kind']).toBe('path_traversal');
  });

  it.each([
    [
      "the body's 'end' beside node's own listener",
      '/receipt',
      { 'security.resource': 'receipt', 'http.request.method': 'POST', 'client.address': PROXIED_CLIENT },
    ],
    [
      "the 'end' of a request without a body, emitted after the answer",
      '/goodbye',
      { 'security.resource': 'goodbye', 'http.request.method': 'GET', 'client.address': '127.0.0.1' },
    ],
  ])('carries the request context into %s', (_case, path, expected) => {
    const record = recordFor(records, 'security.sensitive_read', path);
    expect(record.attributes).toMatchObject({
      ...expected,
      'url.path': path,
      'user_agent.original': AGENT,
    });
  });

  it('emits nothing for a request that was served, and has no other internal errors', () => {
    expect(records.filter((r) => r.attributes['url.path'] === '/')).toEqual([]);
    expect(records).toHaveLength(20);
    expect(stderr.replace(/.*internal error in request user.*/g, '')).not.toContain('internal error');
  });
});

describe('a node:http server that trusts no proxy (SECOTEL_TRUST_PROXY unset)', () => {
  it('reports the socket peer, not a forged X-Forwarded-For', async () => {
    const { records } = await recordsOfRun(
      { flag: '--import', script: 'node-app.mjs' },
      async (app) => {
        await app.send({
          path: '/admin',
          headers: { 'x-forwarded-for': PROXIED_CLIENT, forwarded: 'for=198.51.100.1' },
        });
      },
      1,
    );
    expect(recordFor(records, 'security.authz_fail', '/admin').attributes['client.address']).toBe(
      '127.0.0.1',
    );
  });
});

describe('a node:https server', () => {
  it('gets the same request context and refusal facts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'secotel-tls-'));
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        '/CN=localhost',
        '-days',
        '1',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    const { records } = await recordsOfRun(
      { flag: '--import', script: 'https-app.mjs', env: { TLS_KEY: key, TLS_CERT: cert } },
      async (app) => {
        await app.send({ path: '/vault?key=1', tls: true, headers: { 'user-agent': AGENT } });
      },
      1,
    );
    expect(recordFor(records, 'security.authz_fail', '/vault').attributes).toMatchObject({
      'http.response.status_code': 403,
      'http.request.method': 'GET',
      'client.address': '127.0.0.1',
      'user_agent.original': AGENT,
    });
  });
});
