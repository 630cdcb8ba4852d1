// What node's HTTP client, used beside an HTTP server in its thread, costs the server (bench/http/run.mjs,
// BENCH_VARIANTS=...,client-posts; PROFILE.md, "The exporter's HTTP client"): a POST of 500 KB to the OTLP sink
// every 400 ms, about what secotel's exporter sends under the refusal load, made with a keep-alive agent.
import http from 'node:http';

const EVERY_MS = 400;
const body = Buffer.alloc(500_000, 7);
const agent = new http.Agent({ keepAlive: true });
const url = new URL('/v1/logs', process.env.OTEL_EXPORTER_OTLP_ENDPOINT);

setInterval(() => {
  const request = http.request(
    url,
    {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/x-protobuf', 'content-length': body.length },
    },
    (response) => response.resume(),
  );
  request.on('error', () => {});
  request.end(body);
}, EVERY_MS).unref();
