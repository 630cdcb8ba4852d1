// One benchmark process: refusals recorded as the HTTP layer records a request answered 403 (a new request
// context per request, `security.authzFail({ 'http.response.status_code': 403 })` run inside it), exported over
// OTLP/protobuf to the sink, for a fixed time. Prints one JSON line: CPU ns per request, the export included.
// SECOTEL_RATE_CAP decides whether each refusal is recorded (0) or only counted (1); REFUSAL_CHECKOUT names the
// built checkout whose SDK and request context run (this one by default). Run by run.mjs (`npm run bench`).
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const require = createRequire(import.meta.url);
const [durationMs = '3000'] = process.argv.slice(2);
const CHUNK = 2_000;
const WARMUP_CHUNKS = 10;
const checkout = resolve(process.env.REFUSAL_CHECKOUT ?? resolve(import.meta.dirname, '../..'));
const sdk = require(resolve(checkout, 'packages/sdk/dist/index.js'));
const { RequestContext } = require(
  resolve(checkout, 'packages/instrumentation-http/dist/request-context.js'),
);

const running = sdk.startSecotel({ env: process.env });
const headers = {
  host: '127.0.0.1:3000',
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
};
/** Twenty keep-alive connections, as bench/http loads a server. */
const sockets = Array.from({ length: 20 }, (_, i) => ({
  remoteAddress: '127.0.0.1',
  remotePort: 40_000 + i,
}));
const peer = (request) => request.socket.remoteAddress;

function refusedRequest(i) {
  const context = new RequestContext({ method: 'GET', url: '/', headers, socket: sockets[i % 20] }, peer);
  context.setRoute('/');
  sdk.runInContext(context, () => sdk.security.authzFail({ 'http.response.status_code': 403 }));
}

// Warmed up first: start-up, the redactor's first build and the compiler's work are not a request's cost.
for (let i = 0; i < WARMUP_CHUNKS; i++) {
  for (let j = 0; j < CHUNK; j++) refusedRequest(j);
  await running.forceFlush();
}
const deadline = performance.now() + Number(durationMs);
let requests = 0;
const cpuStarted = process.cpuUsage();
while (performance.now() < deadline) {
  for (let i = 0; i < CHUNK; i++) refusedRequest(requests + i);
  requests += CHUNK;
  // Waiting for each chunk's export keeps the queue bounded, so nothing is dropped and export cost is counted.
  await running.forceFlush();
}
const cpu = process.cpuUsage(cpuStarted);
const stats = running.stats();
console.log(
  JSON.stringify({
    requests,
    cpuNsPerRequest: ((cpu.user + cpu.system) * 1e3) / requests,
    exported: stats.exported_otlp ?? 0,
  }),
);
