import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { afterEach, describe, expect, it } from 'vitest';
import type { SecotelConfig } from '../src/config/config';
import { OtlpHttpExporter } from '../src/pipeline/otlp-http-exporter';
import { encodeLogsRequest } from '../src/pipeline/otlp-logs-protobuf';
import { OtlpPoster, type PostOutcome } from '../src/pipeline/otlp-poster';

interface Received {
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** A real HTTP receiver answering each request with the next of `answers` (the last one repeats). */
async function receiver(answers: Array<(response: ServerResponse) => void>) {
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    received.push({ headers: request.headers, body: Buffer.concat(chunks) });
    (answers[received.length - 1] ?? answers.at(-1))?.(response);
  });
  server.on('connection', (socket) => sockets.add(socket));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push({ server, sockets });
  return { received, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/logs` };
}

const servers: Array<{ server: Server; sockets: Set<Socket> }> = [];
afterEach(() => {
  for (const { server, sockets } of servers.splice(0)) {
    for (const socket of sockets) socket.destroy();
    server.close();
  }
});

const ok = (response: ServerResponse) => response.writeHead(200).end();

/** `count` records whose bodies are `body` followed by their index (`body` alone when there is one). */
function records(body = 'denied', count = 1): ReadableLogRecord[] {
  const captured: ReadableLogRecord[] = [];
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': 'exporter-test' }),
    processors: [
      { onEmit: (record) => captured.push(record), forceFlush: async () => {}, shutdown: async () => {} },
    ],
  });
  const logger = provider.getLogger('test');
  for (let i = 0; i < count; i++) {
    logger.emit({ eventName: 'security.authz_fail', body: count === 1 ? body : `${body} ${i}` });
  }
  return captured;
}

function otlp(url: string, overrides: Partial<SecotelConfig['otlp']> = {}): SecotelConfig['otlp'] {
  return {
    url,
    headers: { authorization: 'Bearer t0k' },
    protocol: 'http/protobuf',
    timeoutMillis: 5_000,
    compression: 'none',
    tls: {},
    ...overrides,
  };
}

function exportOnce(exporter: OtlpHttpExporter, batch = records()) {
  return new Promise<{ code: number; error?: Error }>((done) => exporter.export(batch, done));
}

describe('OtlpHttpExporter', () => {
  it('posts OTLP/protobuf with the configured headers', async () => {
    const { received, url } = await receiver([ok]);
    const result = await exportOnce(new OtlpHttpExporter(otlp(url)));
    expect(result.code).toBe(0);
    expect(received).toHaveLength(1);
    expect(received[0]?.headers).toMatchObject({
      'content-type': 'application/x-protobuf',
      authorization: 'Bearer t0k',
    });
    expect(received[0]?.body.includes(Buffer.from('security.authz_fail'))).toBe(true);
    expect(received[0]?.body.includes(Buffer.from('exporter-test'))).toBe(true);
  });

  it('posts gzip-compressed OTLP/JSON when asked to', async () => {
    const { received, url } = await receiver([ok]);
    const exporter = new OtlpHttpExporter(otlp(url, { protocol: 'http/json', compression: 'gzip' }));
    expect((await exportOnce(exporter)).code).toBe(0);
    expect(received[0]?.headers).toMatchObject({
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    const request = JSON.parse(gunzipSync(received[0]?.body ?? Buffer.alloc(0)).toString());
    expect(request.resourceLogs[0].scopeLogs[0].logRecords[0].eventName).toBe('security.authz_fail');
  });

  it('retries a 503 after the Retry-After the collector asked for, then delivers', async () => {
    const busy = (response: ServerResponse) => response.writeHead(503, { 'retry-after': '0' }).end();
    const { received, url } = await receiver([busy, busy, ok]);
    expect((await exportOnce(new OtlpHttpExporter(otlp(url)))).code).toBe(0);
    expect(received).toHaveLength(3);
  });

  it('does not retry a refusal the collector would repeat (400)', async () => {
    const { received, url } = await receiver([(response) => response.writeHead(400).end()]);
    const result = await exportOnce(new OtlpHttpExporter(otlp(url)));
    expect(result.code).toBe(1);
    expect(result.error?.message).toContain('HTTP 400');
    expect(received).toHaveLength(1);
  });

  it('gives up on a collector that never answers when its timeout passes', async () => {
    const { url } = await receiver([() => {}]);
    const result = await exportOnce(new OtlpHttpExporter(otlp(url, { timeoutMillis: 200 })));
    expect(result.code).toBe(1);
    expect(result.error?.message).toContain('timed out');
  });

  it('fails, without retrying forever, against a closed port', async () => {
    const { url } = await receiver([ok]);
    for (const { server, sockets } of servers.splice(0)) {
      for (const socket of sockets) socket.destroy();
      await new Promise((closed) => server.close(closed));
    }
    const result = await exportOnce(new OtlpHttpExporter(otlp(url, { timeoutMillis: 1_500 })));
    expect(result.code).toBe(1);
    expect(result.error?.message).toMatch(/ECONNREFUSED/);
  });

  it('never writes a batch into a body still being sent or waiting to be sent again', async () => {
    // The first request is refused with a retry after 300 ms; meanwhile three more batches are encoded and sent.
    const later = (response: ServerResponse) => response.writeHead(503, { 'retry-after': '0.3' }).end();
    const { received, url } = await receiver([later, ok]);
    const exporter = new OtlpHttpExporter(otlp(url));
    const batches = [
      records('first', 2_000),
      records('second', 500),
      records('third', 3_000),
      records('fourth', 10),
    ];
    const first = exportOnce(exporter, batches[0]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const rest = [];
    for (const batch of batches.slice(1)) rest.push(await exportOnce(exporter, batch));
    expect((await first).code).toBe(0);
    expect(rest.map((result) => result.code)).toEqual([0, 0, 0]);
    const expected = batches.map((batch) => Buffer.from(encodeLogsRequest(batch)));
    // Refused, then the other three, then the first again, byte for byte what was first sent.
    expect(received.map((request) => request.body)).toEqual([
      expected[0],
      expected[1],
      expected[2],
      expected[3],
      expected[0],
    ]);
  });

  it("posts from a thread of its own: the application's thread starts no HTTP client request", async () => {
    const { received, url } = await receiver([ok]);
    // node publishes every client request of a thread here, on that thread.
    const started: unknown[] = [];
    const onStart = (message: unknown) => started.push(message);
    subscribe('http.client.request.start', onStart);
    try {
      expect((await exportOnce(new OtlpHttpExporter(otlp(url)))).code).toBe(0);
    } finally {
      unsubscribe('http.client.request.start', onStart);
    }
    expect(received).toHaveLength(1);
    expect(started).toEqual([]);
  });
});

describe('OtlpPoster', () => {
  const post = (poster: OtlpPoster, body: Uint8Array, deadline = Date.now() + 5_000) =>
    new Promise<PostOutcome>((settle) => poster.post(body, deadline, settle));

  it('hands over a copy: the caller keeps its bytes to send them again', async () => {
    const { received, url } = await receiver([ok]);
    const poster = new OtlpPoster({ url, headers: {}, tls: {} });
    const body = new Uint8Array([1, 2, 3]);
    expect((await post(poster, body)).ok).toBe(true);
    expect((await post(poster, body)).ok).toBe(true);
    expect(body).toEqual(new Uint8Array([1, 2, 3]));
    expect(received.map((request) => [...request.body])).toEqual([
      [1, 2, 3],
      [1, 2, 3],
    ]);
    poster.stop();
  });

  it('fails what is in flight when stopped, and starts a new thread for the next post', async () => {
    // Silent to the first request, answers the next.
    const { received, url } = await receiver([() => {}, ok]);
    const poster = new OtlpPoster({ url, headers: {}, tls: {} });
    const inFlight = post(poster, new Uint8Array([1]), Date.now() + 60_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    poster.stop();
    const outcome = await inFlight;
    expect(outcome).toMatchObject({ ok: false, retryable: false });
    expect((await post(poster, new Uint8Array([2]))).ok).toBe(true);
    expect(received.map((request) => [...request.body])).toEqual([[1], [2]]);
    poster.stop();
  });
});
