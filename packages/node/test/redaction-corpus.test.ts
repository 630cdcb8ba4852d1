import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtlpSink, type ReceivedRecord } from '../../../test-support/otlp-sink';
import { runNode } from '../../../test-support/run-node';

const fixtures = resolve(__dirname, 'fixtures');
const corpus: { secrets: Array<{ text: string; secret: string }>; benign: string[] } = createRequire(
  import.meta.url,
)('./fixtures/redaction-corpus.json');

describe('redaction through the real export path', () => {
  let sink: OtlpSink;
  let byIndex: Map<number, ReceivedRecord>;

  beforeAll(async () => {
    sink = await OtlpSink.start();
    const run = await runNode(['--require', '@secotel/node/register', 'corpus-app.cjs'], {
      cwd: fixtures,
      env: { OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: sink.logsEndpoint },
    });
    expect(run.code).toBe(0);
    const records = await sink.waitForRecords(corpus.secrets.length + corpus.benign.length);
    byIndex = new Map(records.map((r) => [r.attributes['app.index'] as number, r]));
  });
  afterAll(() => sink.stop());

  it('removes at least 98% of the secrets from attributes and bodies', () => {
    const leaked = corpus.secrets.filter(
      ({ secret }, index) => byIndex.get(index)?.raw.includes(secret) !== false,
    );
    const removed = 1 - leaked.length / corpus.secrets.length;
    expect(removed, `leaked: ${JSON.stringify(leaked.map((l) => l.text))}`).toBeGreaterThanOrEqual(0.98);
  });

  it('changes at most 5% of the benign strings', () => {
    const changed = corpus.benign.filter((text, i) => {
      const record = byIndex.get(corpus.secrets.length + i);
      return record?.attributes['app.detail'] !== text || record?.body !== text;
    });
    const rate = changed.length / corpus.benign.length;
    expect(rate, `changed: ${JSON.stringify(changed)}`).toBeLessThanOrEqual(0.05);
  });
});
