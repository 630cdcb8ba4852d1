// One benchmark process: emits security events as fast as one thread can for a fixed time and prints events/s.
// Variants: `otel` (plain OpenTelemetry logs SDK, the same records and exporter), `secotel-no-redaction`
// (secotel's pipeline with a pass-through redactor), `secotel` (the full pipeline).
import { createRequire } from 'node:module';
import { CONTEXT, callerAttributes, loginFailRecord } from './login-fail-record.mjs';

const require = createRequire(import.meta.url);
const [variant, durationMs = '3000'] = process.argv.slice(2);
const CHUNK = 2_000;

async function plainOtel() {
  const { plainOtelLogs } = await import('../plain-otel-logs.mjs');
  const provider = plainOtelLogs();
  const logger = provider.getLogger('bench');
  return {
    emit: (i) => logger.emit(loginFailRecord(i)),
    flush: () => provider.forceFlush(),
  };
}

function secotel(redact) {
  const sdk = require('@secotel/sdk');
  const exporters = [];
  if (!redact) {
    // The baseline only: records pass the same pipeline with redaction replaced by the identity function.
    const { Redactor } = require('@secotel/sdk/redaction');
    Redactor.prototype.redactAttributes = (a) => a;
    Redactor.prototype.redactOwnAttributes = (a) => a;
    Redactor.prototype.redactValue = (v) => v;
  }
  const running = sdk.startSecotel({ env: { ...process.env, SECOTEL_RATE_CAP: '0' }, exporters });
  return {
    emit: (i) => sdk.runWithContext(CONTEXT, () => sdk.security.authnLoginFail(callerAttributes(i))),
    flush: () => running.forceFlush(),
  };
}

const target = variant === 'otel' ? await plainOtel() : secotel(variant === 'secotel');
const deadline = performance.now() + Number(durationMs);
let emitted = 0;
let callerMs = 0;
let callerCpuUs = 0;
const started = performance.now();
const cpuStarted = process.cpuUsage();
while (performance.now() < deadline) {
  const chunkStart = performance.now();
  const chunkCpu = process.cpuUsage();
  for (let i = 0; i < CHUNK; i++) target.emit(emitted + i);
  callerMs += performance.now() - chunkStart;
  const used = process.cpuUsage(chunkCpu);
  callerCpuUs += used.user + used.system;
  emitted += CHUNK;
  // Waiting for each chunk's export keeps the queue bounded, so nothing is dropped and export cost is counted.
  await target.flush();
}
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStarted);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(
  JSON.stringify({
    variant,
    emitted,
    eventsPerSecond: emitted / seconds,
    callerNsPerEmit: (callerMs * 1e6) / emitted,
    // CPU time of this process (all threads): on a shared machine, wall-clock time also counts the time other
    // processes held the core.
    eventsPerCpuSecond: emitted / cpuSeconds,
    callerCpuNsPerEmit: (callerCpuUs * 1e3) / emitted,
  }),
);
