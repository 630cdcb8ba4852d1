import { describe, expect, it } from 'vitest';
import { LossReport } from '../src/pipeline/loss-report';
import { SelfReport } from '../src/self-report';

describe('LossReport', () => {
  it('reports an exporter’s losses only when that exporter delivers again', () => {
    const losses = new LossReport(new SelfReport(), () => {});
    losses.lost('export_failed', 'otlp', 3);
    losses.lost('queue_full', 'otlp', 2);
    expect(losses.takePending('console')).toEqual([]);
    expect(losses.takePending('otlp')).toEqual([
      { reason: 'export_failed', exporter: 'otlp', count: 3 },
      { reason: 'queue_full', exporter: 'otlp', count: 2 },
    ]);
    expect(losses.takePending('otlp')).toEqual([]);
  });

  it('writes at most one line per 10 s with the count, and the rest when asked (at exit)', () => {
    const lines: string[] = [];
    let now = 0;
    const losses = new LossReport(
      new SelfReport(),
      (line) => lines.push(line),
      () => now,
    );
    losses.lost('queue_full', 'otlp', 1);
    now = 5_000;
    losses.lost('queue_full', 'otlp', 4);
    expect(lines).toEqual([
      'secotel: 1 security record(s) lost by the otlp exporter (queue_full); 1 in total since start',
    ]);
    losses.writeLines();
    expect(lines[1]).toBe(
      'secotel: 4 security record(s) lost by the otlp exporter (queue_full); 5 in total since start',
    );
  });
});
