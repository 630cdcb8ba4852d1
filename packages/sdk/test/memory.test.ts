import { describe, expect, it } from 'vitest';
import { runChild } from './support/child-sdk';

/**
 * 3,000 requests, each with a ~95 KB JSON body whose first 256 characters become an attack payload (a slice of
 * the body), exported as they come. Measures the heap after export and GC against a baseline taken after 100
 * warm-up requests, in a child started with --expose-gc.
 */
const HOSTILE_BODIES = `
const { ExportResultCode } = require('@opentelemetry/core');
const { security, startSecotel } = require('@secotel/sdk');
const exporter = { export: (records, done) => done({ code: ExportResultCode.SUCCESS }), shutdown: async () => {} };
const sdk = startSecotel({ env: { OTEL_LOGS_EXPORTER: 'none', SECOTEL_RATE_CAP: '0' }, exporters: [exporter] });
const heap = () => { global.gc(); global.gc(); return process.memoryUsage().heapUsed; };
const request = (i) => {
  const body = JSON.parse(JSON.stringify({ comment: i + '/../../etc/passwd ' + 'x'.repeat(95000), user: 'u' + i }));
  security.inputValidationFail({
    'security.attack.kind': 'path_traversal',
    'security.attack.source': 'body',
    'security.attack.path': '.body.comment',
    'security.attack.payload': body.comment.slice(0, 256),
  });
};
(async () => {
  for (let i = 0; i < 100; i++) request(i);
  await sdk.forceFlush();
  const baseline = heap();
  for (let i = 100; i < 3100; i++) {
    request(i);
    if (i % 500 === 0) await sdk.forceFlush();
  }
  await sdk.forceFlush();
  process.stdout.write(JSON.stringify({ baseline, after: heap() }));
})();
`;

describe('memory stays bounded under hostile input', () => {
  it('returns to the baseline heap after 3,000 requests with ~95 KB bodies (nothing cached pins a body)', () => {
    const result = runChild(HOSTILE_BODIES, { nodeArgs: ['--expose-gc'], timeoutMillis: 120_000 });
    expect(result.status, result.stderr).toBe(0);
    const { baseline, after } = JSON.parse(result.stdout) as { baseline: number; after: number };
    // 3,000 pinned bodies would be about 570 MB (two bytes a character); a generous bound far below that.
    expect(after - baseline).toBeLessThan(64 * 1024 * 1024);
  });
});
