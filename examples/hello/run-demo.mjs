// The README's first command: runs the example service with secotel registered and shows what it recorded.
// Events go to the console, and over OTLP too when OTEL_EXPORTER_OTLP_ENDPOINT (or _LOGS_ENDPOINT) is set.
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const otlpConfigured = Boolean(
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_LOGS_ENDPOINT,
);
const env = {
  ...process.env,
  OTEL_SERVICE_NAME: process.env.OTEL_SERVICE_NAME ?? 'hello-shop',
  OTEL_LOGS_EXPORTER: process.env.OTEL_LOGS_EXPORTER ?? (otlpConfigured ? 'console,otlp' : 'console'),
};

const child = spawn(process.execPath, ['--import', '@secotel/node/register', resolve(here, 'app.mjs')], {
  cwd: here,
  env,
  stdio: ['ignore', 'pipe', 'inherit'],
});
let output = '';
child.stdout.on('data', (chunk) => {
  output += chunk;
  process.stdout.write(chunk);
});
child.on('close', (code) => {
  const counts = new Map();
  for (const [, name] of output.matchAll(/eventName: '([^']+)'/g))
    counts.set(name, (counts.get(name) ?? 0) + 1);
  console.log('\nsecurity events recorded by the example service:');
  for (const [name, count] of [...counts].sort()) console.log(`  ${String(count).padStart(3)}  ${name}`);
  console.log(
    `exporters: ${env.OTEL_LOGS_EXPORTER}${otlpConfigured ? '' : ' (set OTEL_EXPORTER_OTLP_ENDPOINT to send OTLP too)'}`,
  );
  process.exitCode = code ?? 1;
});
