// The plain-OpenTelemetry reference of the refusal load (bench/http/run.mjs, BENCH_APP=express-403): what logging
// every refusal costs with OpenTelemetry's logs SDK alone, without redaction and without any security logic.
// Each response that finishes with a 403 (node's http.server.response.finish channel) gives one log record with
// the body and attributes of secotel's authz_fail record, batched and sent over OTLP/protobuf as secotel's are.
import { subscribe } from 'node:diagnostics_channel';
import { plainOtelLogs } from '../../plain-otel-logs.mjs';

const logger = plainOtelLogs().getLogger('bench-refusals');

subscribe('http.server.response.finish', ({ request, response }) => {
  if (response.statusCode !== 403) return;
  const url = request.originalUrl ?? request.url;
  const query = url.indexOf('?');
  logger.emit({
    eventName: 'security.authz_fail',
    severityNumber: 21,
    severityText: 'CRITICAL',
    body: 'access denied',
    attributes: {
      'client.address': request.socket.remoteAddress,
      'client.port': request.socket.remotePort,
      'http.request.method': request.method,
      'http.route': request.route?.path,
      'url.path': query === -1 ? url : url.slice(0, query),
      'user_agent.original': request.headers['user-agent'],
      'http.response.status_code': response.statusCode,
      'security.category': 'authz',
    },
  });
});
