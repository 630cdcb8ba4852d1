// Exit cost, side by side in one run; writes bench/sdk/EXIT-RESULTS.md.
// Run with `npm run build && node_modules/.bin/node bench/sdk/exit.mjs`.
// A process emits one security event and ends (by itself, or by process.exit()); measured is the time from the
// end of its work (printed by the process) to its exit, for bare node and for secotel with the collector up
// (answers 200), unreachable (a closed loopback port) and silent (accepts connections, never answers).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { median } from '../stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = Number(process.env.BENCH_EXIT_RUNS ?? 7);
const LOAD = loadavg()[0];
const APP = resolve(here, 'exit-app.cjs');

async function listening(server) {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server.address().port;
}

async function startUpCollector() {
  const child = spawn(process.execPath, [resolve(here, 'discard-server.mjs')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((ready) => createInterface({ input: child.stdout }).once('line', ready));
  return { endpoint: `${url}/v1/logs`, stop: () => child.kill('SIGTERM') };
}

async function startSilentCollector() {
  const sockets = new Set();
  const server = createServer((socket) => sockets.add(socket));
  const port = await listening(server);
  return {
    endpoint: `http://127.0.0.1:${port}/v1/logs`,
    stop: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

async function closedPort() {
  const server = createServer();
  const port = await listening(server);
  await new Promise((closed) => server.close(closed));
  return { endpoint: `http://127.0.0.1:${port}/v1/logs`, stop: () => {} };
}

/** Milliseconds from the end of the app's work to its exit. */
async function exitMillis(withSecotel, endpoint, mode) {
  const args = [...(withSecotel ? ['--require', '@secotel/node/register'] : []), APP, mode];
  const child = spawn(process.execPath, args, {
    cwd: here,
    env: {
      PATH: process.env.PATH,
      OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: endpoint,
      ...(mode === 'inflight' ? { OTEL_BLRP_SCHEDULE_DELAY: '50' } : {}),
    },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  const [code] = await once(child, 'close');
  const ended = Date.now();
  if (code !== 0) throw new Error(`exit-app ended with ${code}`);
  return ended - Number(stdout.trim());
}

const collectors = {
  up: await startUpCollector(),
  unreachable: await closedPort(),
  silent: await startSilentCollector(),
};
const VARIANTS = [
  ['bare node', false, collectors.up.endpoint],
  ['secotel, collector up', true, collectors.up.endpoint],
  ['secotel, collector unreachable', true, collectors.unreachable.endpoint],
  ['secotel, collector silent', true, collectors.silent.endpoint],
];
const MODES = ['ends by itself', 'process.exit()', 'export in flight, ends by itself'];
const APP_MODE = {
  'ends by itself': 'end',
  'process.exit()': 'exit',
  'export in flight, ends by itself': 'inflight',
};
const samples = new Map();
try {
  for (let run = 0; run < RUNS; run++) {
    for (const [name, withSecotel, endpoint] of VARIANTS) {
      for (const mode of MODES) {
        const key = `${name}\u0000${mode}`;
        const millis = await exitMillis(withSecotel, endpoint, APP_MODE[mode]);
        samples.set(key, [...(samples.get(key) ?? []), millis]);
      }
    }
    console.error(`run ${run + 1}/${RUNS} done`);
  }
} finally {
  for (const collector of Object.values(collectors)) collector.stop();
}

const rows = VARIANTS.map(([name]) => {
  const cells = MODES.map((mode) => median(samples.get(`${name}\u0000${mode}`)).toFixed(0));
  return `| ${name} | ${cells.join(' | ')} |`;
});
const results = `# SDK exit cost

Produced by \`npm run build && node_modules/.bin/node bench/sdk/exit.mjs\` on ${new Date().toISOString().slice(0, 10)}:
Node ${process.versions.node}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}; ${RUNS} interleaved runs per cell, medians.

A process (bench/sdk/exit-app.cjs) emits one security event, then ends by itself or calls \`process.exit()\`; in
the third column its work goes on for 300 ms after the event, so that the export (OTEL_BLRP_SCHEDULE_DELAY=50) is
in flight, or retrying, when the work ends.
Measured: milliseconds from the end of its work (a timestamp it prints) to its exit as seen by the parent.
Defaults otherwise (SECOTEL_EXIT_TIMEOUT=1500, OTEL_EXPORTER_OTLP_TIMEOUT=10000, OTEL_BLRP_EXPORT_TIMEOUT=30000).
The machine is shared with other work (load average ${LOAD.toFixed(1)} at the start): compare within this file.

| run | ${MODES.join(' ms | ')} ms |
|---|---:|---:|---:|
${rows.join('\n')}

Budget (issue 13): <= 2000 ms with the collector unreachable or silent; <= 200 ms more than bare node with the
collector up. With the collector up, a process that ends by itself pays an in-process send of what is left (and
loading the OTLP encoder and starting the poster thread, if nothing was exported before); process.exit() allows
only synchronous code, so its send is made by a short-lived sender process that the exiting process waits for:
that process start is the cost.
An export in flight when the work ends is waited for (up to half of SECOTEL_EXIT_TIMEOUT) rather than sent twice;
one that the unreachable collector refused and that waits to retry is sent again by that sender process.
`;
writeFileSync(resolve(here, 'EXIT-RESULTS.md'), results);
process.stdout.write(results);
