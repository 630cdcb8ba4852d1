// SDK benchmarks, side by side in one run; writes bench/sdk/RESULTS.md. Run with `npm run bench`.
// - pipeline throughput (emit, redact, batch, OTLP/protobuf to a loopback sink), one core, with and without
//   redaction, against the plain OpenTelemetry logs SDK sending the same records;
// - caller-side cost per emit (time inside the emit call only);
// - encoding alone: secotel's OTLP/protobuf encoder against OpenTelemetry's on the same records (encode-worker.mjs).
// Start-up cost has its own benchmarks: bench/startup/.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { median } from '../stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 3000);
const VARIANTS = ['otel', 'secotel-no-redaction', 'secotel'];

const hasTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
/** Pins a process to one core (the sink gets the other) so "per core" means one core. */
const onCore = (core, command, args) =>
  hasTaskset ? ['taskset', ['-c', String(core), command, ...args]] : [command, args];

async function startSink() {
  const [command, args] = onCore(1, process.execPath, [resolve(here, 'discard-server.mjs')]);
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((ready) => createInterface({ input: child.stdout }).once('line', ready));
  return { url, stop: () => child.kill('SIGTERM') };
}

function runWorker(variant, endpoint) {
  const [command, args] = onCore(0, process.execPath, [
    resolve(here, 'pipeline-worker.mjs'),
    variant,
    String(DURATION_MS),
  ]);
  const output = execFileSync(command, args, {
    env: {
      ...process.env,
      OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: `${endpoint}/v1/logs`,
      OTEL_SERVICE_NAME: 'bench',
    },
    encoding: 'utf8',
  });
  return JSON.parse(output.trim().split('\n').at(-1));
}

function runEncodeWorker() {
  const [command, args] = onCore(0, process.execPath, [resolve(here, 'encode-worker.mjs')]);
  return JSON.parse(execFileSync(command, args, { encoding: 'utf8' }).trim().split('\n').at(-1));
}

const sink = await startSink();
try {
  const pipeline = Object.fromEntries(VARIANTS.map((v) => [v, []]));
  const encoding = [];
  for (let round = 0; round < ROUNDS; round++) {
    encoding.push(runEncodeWorker());
    // Rotating the order spreads any drift of the machine over all variants.
    for (const variant of VARIANTS.slice(round % 3).concat(VARIANTS.slice(0, round % 3))) {
      const result = runWorker(variant, sink.url);
      pipeline[variant].push(result);
      console.error(
        `round ${round + 1}/${ROUNDS} ${variant}: ${Math.round(result.eventsPerSecond)} events/s`,
      );
    }
  }
  const rate = (v) => median(pipeline[v].map((r) => r.eventsPerSecond));
  const caller = (v) => median(pipeline[v].map((r) => r.callerNsPerEmit));
  const cpuRate = (v) => median(pipeline[v].map((r) => r.eventsPerCpuSecond));
  const cpuCaller = (v) => median(pipeline[v].map((r) => r.callerCpuNsPerEmit));
  if (!encoding.every((r) => r.identical)) throw new Error('the two encoders wrote different bytes');
  const encodeNs = (encoder) => median(encoding.map((r) => r[`${encoder}CpuNsPerRecord`]));
  const load = loadavg()[0];
  const lines = [
    '# SDK benchmark results',
    '',
    `Produced by \`npm run bench\` (bench/sdk/run.mjs) on ${new Date().toISOString().slice(0, 10)}: Node ${process.versions.node},`,
    `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}; ${ROUNDS} rounds of ${DURATION_MS} ms per variant,`,
    `medians; emitting process pinned to one core${hasTaskset ? ' (taskset)' : ' (taskset unavailable: not pinned)'}, the OTLP sink on the other.`,
    `Load average ${load.toFixed(1)} when the run ended: the machine is shared with other work, so wall-clock figures`,
    'also count the time other processes held the core; the CPU-time columns (process.cpuUsage of the emitting',
    'process) are the steadier comparison. Compare figures within this file only.',
    '',
    '## Pipeline throughput: emit → (redact) → batch → OTLP/protobuf over loopback',
    '',
    '| variant | events/s (wall) | vs plain OpenTelemetry | events per CPU-second | vs plain OpenTelemetry | caller ns/emit (wall) | caller CPU ns/emit |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...VARIANTS.map(
      (v) =>
        `| ${v} | ${Math.round(rate(v)).toLocaleString('en')} | ${(rate(v) / rate('otel')).toFixed(2)} | ${Math.round(cpuRate(v)).toLocaleString('en')} | ${(cpuRate(v) / cpuRate('otel')).toFixed(2)} | ${Math.round(caller(v))} | ${Math.round(cpuCaller(v))} |`,
    ),
    '',
    `Redaction cost (CPU time): secotel runs at ${(cpuRate('secotel') / cpuRate('secotel-no-redaction')).toFixed(2)} of its own throughput without redaction`,
    `(${((1 - cpuRate('secotel') / cpuRate('secotel-no-redaction')) * 100).toFixed(1)}% slower; budget: <= 15%). Budgets: >= 0.85 of plain OpenTelemetry, >= 100,000 events/s on one core, caller <= 4 µs.`,
    '',
    '## Encoding alone: one OTLP/protobuf logs request of 2,000 of the records above',
    '',
    '| encoder | CPU ns per record | vs OpenTelemetry |',
    '|---|---:|---:|',
    `| @opentelemetry/otlp-transformer ProtobufLogsSerializer | ${Math.round(encodeNs('otel'))} | 1.00 |`,
    `| secotel (packages/sdk/src/pipeline/otlp-logs-protobuf.ts) | ${Math.round(encodeNs('secotel'))} | ${(encodeNs('secotel') / encodeNs('otel')).toFixed(2)} |`,
    '',
    `Both wrote the same bytes (${Math.round(encoding[0].bytesPerRecord)} per record) in every round; medians of 30 alternating batches per`,
    'round (encode-worker.mjs), then of the rounds.',
    '',
    'Variants: `otel` is @opentelemetry/sdk-logs with a BatchLogRecordProcessor and the OTLP/protobuf exporter, emitting the',
    "same records (same attributes and body) directly; `secotel-no-redaction` is secotel's pipeline (request context, rate cap,",
    'export queue, OTLP) with the redactor replaced by the identity function; `secotel` is the full pipeline.',
    'Start-up is measured by bench/startup/; where the per-event time goes: PROFILE.md.',
    '',
  ];
  writeFileSync(resolve(here, 'RESULTS.md'), lines.join('\n'));
  console.log(lines.join('\n'));
} finally {
  sink.stop();
}
