import { describe, expect, it } from 'vitest';
import { runChild } from './support/child-sdk';

/**
 * An exporter that is stalled, then fails what it held, then recovers: 15 records meet a queue of 10 (5 lost
 * to the full queue), the 10 queued ones fail (lost to the export), then one more record is delivered.
 */
const OUTAGE_THEN_RECOVERY = `
const { ExportResultCode } = require('@opentelemetry/core');
const { security, startSecotel } = require('@secotel/sdk');
const delivered = [];
const held = [];
let mode = 'stall';
const exporter = {
  export(records, done) {
    if (mode === 'stall') held.push(done);
    else if (mode === 'fail') done({ code: ExportResultCode.FAILED, error: new Error('backend down') });
    else { delivered.push(...records); done({ code: ExportResultCode.SUCCESS }); }
  },
  shutdown: async () => {},
};
const sdk = startSecotel({ env: { OTEL_LOGS_EXPORTER: 'none', OTEL_BLRP_MAX_QUEUE_SIZE: '10' }, exporters: [exporter] });
(async () => {
  for (let i = 0; i < 15; i++) security.authzFail({ 'security.resource': '/r' + i });
  const flushing = sdk.forceFlush();
  mode = 'fail';
  for (const done of held.splice(0)) done({ code: ExportResultCode.FAILED, error: new Error('backend down') });
  await flushing;
  mode = 'ok';
  security.authzFail({ 'security.resource': '/after' });
  await sdk.forceFlush();
  await sdk.forceFlush();
  const reports = delivered.filter((r) => r.eventName === 'security.events_dropped').map((r) => r.attributes);
  process.stdout.write(JSON.stringify({ reports, stats: sdk.stats() }));
})();
`;

/** 10,000 records queued towards a receiver that accepts connections and never answers, then SIGTERM. */
const SIGTERM_WITH_A_FULL_QUEUE = `
const net = require('node:net');
const { security, startSecotel } = require('@secotel/sdk');
const server = net.createServer(() => {}).listen(0, '127.0.0.1', () => {
  startSecotel({
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:' + server.address().port,
      OTEL_BLRP_SCHEDULE_DELAY: '60000',
      OTEL_BLRP_EXPORT_TIMEOUT: '1000',
      SECOTEL_RATE_CAP: '0',
    },
  });
  for (let i = 0; i < 10000; i++) security.authzFail({ 'security.resource': '/r' + i });
  process.kill(process.pid, 'SIGTERM');
});
`;

describe('every lost record is counted, told on stderr with the number, and reported to the backend', () => {
  it('reports queue drops and failed exports as security.events_dropped once the exporter recovers', () => {
    const result = runChild(OUTAGE_THEN_RECOVERY);
    expect(result.status, result.stderr).toBe(0);
    const { reports, stats } = JSON.parse(result.stdout);
    expect(reports).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          'security.dropped.count': 5,
          'security.dropped.reason': 'queue_full',
          'security.dropped.exporter': 'custom0',
        }),
        expect.objectContaining({
          'security.dropped.count': 10,
          'security.dropped.reason': 'export_failed',
          'security.dropped.exporter': 'custom0',
        }),
      ]),
    );
    expect(stats).toMatchObject({ lost_queue_full_custom0: 5, lost_export_failed_custom0: 10 });
    expect(result.stderr).toMatch(/lost by the custom0 exporter \(queue_full\); 5 in total/);
    expect(result.stderr).toMatch(/10 security record\(s\) lost by the custom0 exporter \(export_failed\)/);
  });

  it('counts and tells the records that SIGTERM would have taken with it, then ends by the signal', () => {
    const result = runChild(SIGTERM_WITH_A_FULL_QUEUE, { timeoutMillis: 60_000 });
    expect(result.signal).toBe('SIGTERM');
    expect(result.stderr).toMatch(
      // The 10,000 and the process's own sys_shutdown, recorded when the signal arrived.
      /10001 security record\(s\) lost by the otlp exporter \(exit_flush_failed\)/,
    );
  });
});
