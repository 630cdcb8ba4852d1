// SDK benchmarks, side by side in one run; writes bench/sdk/RESULTS.md. Run with `npm run bench`.
// - pipeline throughput (emit, redact, batch, OTLP/protobuf to a loopback sink), one core, with and without
//   redaction, against the plain OpenTelemetry logs SDK sending the same records;
// - caller-side cost per emit (time inside the emit call only);
// - encoding alone: secotel's OTLP/protobuf encoder against OpenTelemetry's on the same records (encode-worker.mjs);
// - a refusal as the HTTP layer records it, recorded and exported or only counted by the rate cap
//   (refusal-worker.mjs); with SDK_BASELINE=<another built checkout>, the same for that checkout beside it.
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
const BASELINE = process.env.SDK_BASELINE;
/** The refusal benchmark's variants: this checkout's and the baseline's SDK, every refusal recorded or folded. */
const REFUSAL_VARIANTS = [
  { name: 'recorded', checkout: resolve(here, '../..'), cap: '0' },
  { name: 'folded', checkout: resolve(here, '../..'), cap: '1' },
  ...(BASELINE === undefined
    ? []
    : [
        { name: 'recorded, baseline', checkout: resolve(BASELINE), cap: '0' },
        { name: 'folded, baseline', checkout: resolve(BASELINE), cap: '1' },
      ]),
];

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

/** Runs a worker on core 0 against the sink; its last line of output is its JSON result. */
function runWorkerScript(script, workerArgs, endpoint, env = {}) {
  const [command, args] = onCore(0, process.execPath, [resolve(here, script), ...workerArgs]);
  const output = execFileSync(command, args, {
    env: {
      ...process.env,
      OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: `${endpoint}/v1/logs`,
      OTEL_SERVICE_NAME: 'bench',
      ...env,
    },
    encoding: 'utf8',
  });
  return JSON.parse(output.trim().split('\n').at(-1));
}

function runWorker(variant, endpoint) {
  return runWorkerScript('pipeline-worker.mjs', [variant, String(DURATION_MS)], endpoint);
}

function runRefusalWorker({ checkout, cap }, endpoint) {
  return runWorkerScript('refusal-worker.mjs', [String(DURATION_MS)], endpoint, {
    REFUSAL_CHECKOUT: checkout,
    SECOTEL_RATE_CAP: cap,
    SECOTEL_RATE_CAP_BURST: '1',
  });
}

function runEncodeWorker() {
  const [command, args] = onCore(0, process.execPath, [resolve(here, 'encode-worker.mjs')]);
  return JSON.parse(execFileSync(command, args, { encoding: 'utf8' }).trim().split('\n').at(-1));
}

const sink = await startSink();
try {
  const pipeline = Object.fromEntries(VARIANTS.map((v) => [v, []]));
  const encoding = [];
  const refusals = Object.fromEntries(REFUSAL_VARIANTS.map((v) => [v.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    encoding.push(runEncodeWorker());
    const turn = round % REFUSAL_VARIANTS.length;
    for (const variant of REFUSAL_VARIANTS.slice(turn).concat(REFUSAL_VARIANTS.slice(0, turn))) {
      const result = runRefusalWorker(variant, sink.url);
      refusals[variant.name].push(result.cpuNsPerRequest);
      console.error(
        `round ${round + 1}/${ROUNDS} refusal ${variant.name}: ${Math.round(result.cpuNsPerRequest)} CPU ns`,
      );
    }
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
  const refusalNs = (name) => median(refusals[name]);
  const recordNs = (suffix) => refusalNs(`recorded${suffix}`) - refusalNs(`folded${suffix}`);
  const baselineNote =
    BASELINE === undefined
      ? ''
      : ' "baseline": the same with the SDK of the checkout in SDK_BASELINE (the code before a change).';
  const baselineRecord =
    BASELINE === undefined
      ? ''
      : `, against ${Math.round(recordNs(', baseline'))} in the baseline (${(recordNs('') / recordNs(', baseline')).toFixed(2)} of it)`;
  const load = loadavg()[0];
  const lines = [
    '# SDK benchmark results',
    '',
    `Produced by \`${BASELINE === undefined ? '' : 'SDK_BASELINE=<built checkout> '}npm run bench\` (bench/sdk/run.mjs) on ${new Date().toISOString().slice(0, 10)}: Node ${process.versions.node},`,
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
    '"caller" is the time inside the emit calls only. secotel redacts these records (strings, numbers and booleans',
    "only) when they are first read, after the caller's code: in the export here. Their redaction counts in the",
    'events per CPU-second, not in the caller columns; OpenTelemetry likewise encodes in the export.',
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
    '## A refusal as the HTTP layer records it',
    '',
    "One request context per request (instrumentation-http's), `security.authzFail({ 'http.response.status_code': 403 })`",
    'inside it, records exported over OTLP/protobuf to the sink (refusal-worker.mjs); "recorded" runs with',
    'SECOTEL_RATE_CAP=0, "folded" caps at one record a second, so the rate cap only counts each refusal. The',
    "difference is what a record costs, from the API call to the bytes on the socket (bench/http's refusal load pays",
    `it once per request).${baselineNote}`,
    '',
    '| variant | CPU ns per request | CPU ns in each round |',
    '|---|---:|---|',
    ...REFUSAL_VARIANTS.map(
      ({ name }) =>
        `| ${name} | ${Math.round(refusalNs(name))} | ${refusals[name].map(Math.round).join(', ')} |`,
    ),
    '',
    `A record costs ${Math.round(recordNs(''))} CPU ns over a folded refusal${baselineRecord} (medians).`,
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
