// One benchmark process: CPU time to encode the pipeline benchmark's records as an OTLP/protobuf logs request,
// by secotel's encoder and by @opentelemetry/otlp-transformer's, alternating in the same process; checks that
// both write the same bytes. Prints one JSON line. Run by run.mjs (`npm run bench`), after `npm run build`.
import { createRequire } from 'node:module';
import { median } from '../stats.mjs';

const require = createRequire(import.meta.url);
const dist = (file) => require(`../../packages/sdk/dist/pipeline/${file}`);
const { encodeLogsRequest } = dist('otlp-logs-protobuf.js');
const { processResource } = dist('resource.js');
const { SecurityLogger } = dist('security-logger.js');
const { ProtobufLogsSerializer } = require('@opentelemetry/otlp-transformer');

const RECORDS = 2_000;
const ROUNDS = 30;

// The records secotel's pipeline exports in pipeline-worker.mjs: same attributes (context ones included) and body.
const records = [];
const logger = new SecurityLogger(
  { onEmit: (record) => records.push(record) },
  processResource({ version: '0.1.0', attributes: {}, serviceName: 'bench' }),
  { name: '@secotel/sdk', version: '0.1.0' },
);
for (let i = 0; i < RECORDS; i++) {
  logger.emit({
    eventName: 'security.authn_login_fail',
    severityNumber: 13,
    severityText: 'WARN',
    body: `login failed for user${i % 5000}@example.com from 203.0.113.9: bad_password`,
    attributes: {
      'client.address': '203.0.113.9',
      'client.port': 51234,
      'http.request.method': 'POST',
      'http.route': '/login',
      'url.path': '/login',
      'user_agent.original': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0',
      'user.name': `user${i % 5000}@example.com`,
      'security.reason': 'bad_password',
      'security.auth.strategy': 'local',
      'security.user.exists': i % 3 === 0,
      'security.category': 'authn',
    },
  });
}

const encoders = {
  secotel: () => encodeLogsRequest(records),
  otel: () => ProtobufLogsSerializer.serializeRequest(records),
};
const identical = Buffer.from(encoders.secotel()).equals(Buffer.from(encoders.otel()));
const times = { secotel: [], otel: [] };
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, encode] of Object.entries(encoders)) {
    const started = process.cpuUsage();
    encode();
    const used = process.cpuUsage(started);
    times[name].push(((used.user + used.system) * 1e3) / RECORDS);
  }
}
console.log(
  JSON.stringify({
    identical,
    bytesPerRecord: encoders.secotel().length / RECORDS,
    secotelCpuNsPerRecord: median(times.secotel),
    otelCpuNsPerRecord: median(times.otel),
  }),
);
