// The demo's HTTP security facts, produced for real: the SDK with its HTTP instrumentation in this process, a
// small node:http server answering like the shop's routes, and the attack simulator's own scenarios (its ordinary
// visitors and its HTTP attacks) sent over loopback. Each record becomes a flat JSON object: event_name, the
// severity text, the body and every attribute under its own key, the shape a Sigma rule over secotel's
// fields (logsource product secotel) selects on.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InMemoryLogRecordExporter } from '@opentelemetry/sdk-logs';
import { HttpServerInstrumentation } from '@secotel/instrumentation-http';
import { startSecotel } from '@secotel/sdk';
import { Client, closeConnections } from '../../../examples/attack-simulator/client.mjs';
import { buildScenarios } from '../../../examples/attack-simulator/scenarios.mjs';

export type FlatRecord = Record<string, string | number | boolean>;
export interface DemoFacts {
  /** The records of the ordinary visitors (addresses 192.0.2.0/24). */
  benign: FlatRecord[];
  /** The records of the simulator's HTTP attacks, by scenario group. */
  attacks: Map<string, FlatRecord[]>;
}

/** The simulator's scenarios that need no database: everything but the login attacks' outcomes depends on HTTP. */
const ATTACK_GROUPS = ['SQL injection', 'path traversal', '404 scan'];
const FILES = ['catalogue.txt', 'terms.txt', 'price-list.csv'];

export async function demoHttpFacts(): Promise<DemoFacts> {
  const exporter = new InMemoryLogRecordExporter();
  const sdk = startSecotel({
    env: { OTEL_LOGS_EXPORTER: 'none', SECOTEL_TRUST_PROXY: 'loopback', OTEL_SERVICE_NAME: 'shop' },
    exporters: [exporter],
  });
  if (sdk === undefined) throw new Error('the secotel SDK did not start');
  const http = new HttpServerInstrumentation({ trustProxy: sdk.config.trustProxy });
  const server = createServer(answerLikeTheShop);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const target = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const scenarios = buildScenarios(() => 0.5).filter(
      (s) => s.kind === 'ordinary' || ATTACK_GROUPS.includes(s.group),
    );
    for (const scenario of scenarios) {
      const client = new Client(target, scenario);
      const state = {};
      for (const step of scenario.steps) await step(client, state);
    }
    await sdk.forceFlush();
    const records = exporter.getFinishedLogRecords().map(
      (record): FlatRecord => ({
        event_name: record.eventName ?? '',
        severity_text: record.severityText ?? '',
        body: String(record.body ?? ''),
        ...Object.fromEntries(
          Object.entries(record.attributes).map(([key, value]) => [
            key,
            Array.isArray(value) ? value.join(',') : (value as string | number | boolean),
          ]),
        ),
      }),
    );
    const byAddress = (address: string) => records.filter((record) => record['client.address'] === address);
    return {
      benign: records.filter((record) => String(record['client.address']).startsWith('192.0.2.')),
      attacks: new Map(
        scenarios.filter((s) => s.kind !== 'ordinary').map((s) => [s.group, byAddress(s.address)]),
      ),
    };
  } finally {
    closeConnections();
    await new Promise((resolve) => (server as Server).close(resolve));
    http.disable();
    await sdk.shutdown();
  }
}

/** The shop's answers, as far as the facts depend on them: pages 200, unknown paths and files 404, /admin 403. */
function answerLikeTheShop(request: IncomingMessage, response: ServerResponse): void {
  request.resume();
  request.on('end', () => {
    const url = new URL(request.url ?? '/', 'http://shop');
    const page = ['/', '/search', '/login', '/account', '/downloads', '/logout'].includes(url.pathname);
    let status = page || /^\/products\/\d+$/.test(url.pathname) ? 200 : 404;
    if (url.pathname === '/download') status = FILES.includes(url.searchParams.get('file') ?? '') ? 200 : 404;
    if (url.pathname.startsWith('/admin')) status = 403;
    if (url.pathname.startsWith('/api/')) status = 401;
    response.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'no');
  });
}
