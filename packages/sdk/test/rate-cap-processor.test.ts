import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { describe, expect, it } from 'vitest';
import { RateCapProcessor } from '../src/pipeline/rate-cap-processor';

function setup(perSecond: number, burst: number) {
  let now = 1_000_000;
  const exporter = new InMemoryLogRecordExporter();
  const folded: Array<[string, number, number]> = [];
  const next = new SimpleLogRecordProcessor({ exporter });
  const processor = new RateCapProcessor(
    next,
    { perSecond, burst, exempt: ['security.events_folded'], now: () => now },
    (name, count, window) => folded.push([name, count, window]),
  );
  const logger = new LoggerProvider({ processors: [processor] }).getLogger('test');
  const emit = (eventName: string, times: number) => {
    for (let i = 0; i < times; i++) logger.emit({ eventName, attributes: { i } });
  };
  const passed = (eventName: string) =>
    exporter.getFinishedLogRecords().filter((r) => r.eventName === eventName).length;
  return { emit, passed, folded, processor, advance: (ms: number) => (now += ms) };
}

describe('RateCapProcessor', () => {
  it('passes a burst up to the limit and folds the rest into one summary per event name', async () => {
    const { emit, passed, folded, processor, advance } = setup(5, 10);
    emit('security.authn_login_fail', 15);
    emit('security.authz_fail', 3);
    expect(await passed('security.authn_login_fail')).toBe(10);
    expect(await passed('security.authz_fail')).toBe(3);
    advance(2_000);
    await processor.forceFlush();
    expect(folded).toEqual([['security.authn_login_fail', 5, 2]]);
  });

  it('refills at the sustained rate', async () => {
    const { emit, passed, advance } = setup(5, 10);
    emit('security.authn_login_fail', 12);
    advance(1_000);
    emit('security.authn_login_fail', 12);
    expect(await passed('security.authn_login_fail')).toBe(15);
  });

  it('never caps exempt names, and a rate of 0 turns the cap off', async () => {
    const capped = setup(1, 1);
    capped.emit('security.events_folded', 50);
    expect(await capped.passed('security.events_folded')).toBe(50);
    const uncapped = setup(0, 1);
    uncapped.emit('security.authn_login_fail', 50);
    expect(await uncapped.passed('security.authn_login_fail')).toBe(50);
  });

  it('reports nothing when nothing was folded, and each fold once', async () => {
    const { emit, folded, processor } = setup(5, 10);
    emit('security.authn_login_fail', 10);
    await processor.forceFlush();
    expect(folded).toEqual([]);
    emit('security.authn_login_fail', 2);
    await processor.forceFlush();
    await processor.forceFlush();
    expect(folded).toHaveLength(1);
    expect(folded[0]?.[1]).toBe(2);
  });
});
