import { InMemoryLogRecordExporter } from '@opentelemetry/sdk-logs';
import { afterAll, describe, expect, it } from 'vitest';
import { security, startSecotel } from '../src';
import { EventRecorder } from '../src/event-recorder';
import { IdentityPolicy } from '../src/identity';
import { KeyedHasher } from '../src/keyed-hash';
import { RateCap } from '../src/pipeline/rate-cap';
import { Redactor } from '../src/redaction';
import { SelfReport } from '../src/self-report';

function setup(perSecond: number, burst: number) {
  let now = 1_000_000;
  const folded: Array<[string, number, number]> = [];
  const cap = new RateCap(
    { perSecond, burst, exempt: ['security.events_folded'], now: () => now },
    (name, count, window) => folded.push([name, count, window]),
  );
  const admitted = (eventName: string, times: number) =>
    Array.from({ length: times }, () => cap.admit(eventName)).filter(Boolean).length;
  return { cap, admitted, folded, advance: (ms: number) => (now += ms) };
}

describe('RateCap', () => {
  it('admits a burst up to the limit and folds the rest into one summary per event name', () => {
    const { cap, admitted, folded, advance } = setup(5, 10);
    expect(admitted('security.authn_login_fail', 15)).toBe(10);
    expect(admitted('security.authz_fail', 3)).toBe(3);
    advance(2_000);
    cap.summarize();
    expect(folded).toEqual([['security.authn_login_fail', 5, 2]]);
  });

  it('refills at the sustained rate', () => {
    const { admitted, advance } = setup(5, 10);
    expect(admitted('security.authn_login_fail', 12)).toBe(10);
    advance(1_000);
    expect(admitted('security.authn_login_fail', 12)).toBe(5);
  });

  it('never caps exempt names, and a rate of 0 turns the cap off', () => {
    expect(setup(1, 1).admitted('security.events_folded', 50)).toBe(50);
    expect(setup(0, 1).admitted('security.authn_login_fail', 50)).toBe(50);
  });

  it('reports nothing when nothing was folded, and each fold once', () => {
    const { cap, admitted, folded } = setup(5, 10);
    admitted('security.authn_login_fail', 10);
    cap.summarize();
    expect(folded).toEqual([]);
    admitted('security.authn_login_fail', 2);
    cap.summarize();
    cap.summarize();
    expect(folded).toEqual([['security.authn_login_fail', 2, 1]]);
  });
});

describe('a flood through the security API', () => {
  const exporter = new InMemoryLogRecordExporter();
  const sdk = startSecotel({
    env: { OTEL_LOGS_EXPORTER: 'none', SECOTEL_RATE_CAP: '1', SECOTEL_RATE_CAP_BURST: '10' },
    exporters: [exporter],
  });
  afterAll(async () => {
    await sdk?.shutdown();
  });

  it('records the burst, folds the rest into one summary, and never reads a folded call', async () => {
    let reads = 0;
    for (let i = 0; i < 1_000; i++) {
      security.authzFail({
        get 'url.path'() {
          reads++;
          return `/admin/${i}`;
        },
      });
    }
    await sdk?.forceFlush();
    const names = exporter.getFinishedLogRecords().map((record) => record.eventName);
    expect(names.filter((name) => name === 'security.authz_fail')).toHaveLength(10);
    const [summary, ...more] = exporter
      .getFinishedLogRecords()
      .filter((record) => record.eventName === 'security.events_folded');
    expect(more).toEqual([]);
    expect(summary?.attributes).toMatchObject({
      'security.folded.event_name': 'security.authz_fail',
      'security.folded.count': 990,
    });
    // The caller's attributes are read for the recorded ones only: a folded fact costs no record.
    expect(reads).toBe(10);
  });
});

describe('the recorder and the rate cap share one clock read per fact', () => {
  it('stamps each record with the time the cap admitted it at, read once, whether the cap is on or off', () => {
    for (const perSecond of [0, 5]) {
      let reads = 0;
      let now = 1_780_000_000_123;
      const clock = () => {
        reads++;
        return now++;
      };
      const cap = new RateCap({ perSecond, burst: 2, exempt: [], now: clock }, () => {});
      const times: unknown[] = [];
      const recorder = new EventRecorder(
        { emit: (fields) => times.push(fields.hrTime) },
        new IdentityPolicy('identification', new KeyedHasher('clock-test-key')),
        () => new Redactor(),
        cap,
        new SelfReport(),
        true,
      );
      for (let i = 0; i < 3; i++)
        recorder.record('authz_fail', { 'http.response.status_code': 403 }, undefined);
      // Cap off: three records; on: a burst of two, the third folded (its read is the cap's own).
      expect(times).toEqual(
        [
          [1_780_000_000, 123_000_000],
          [1_780_000_000, 124_000_000],
          [1_780_000_000, 125_000_000],
        ].slice(0, perSecond === 0 ? 3 : 2),
      );
      expect(reads).toBe(3);
    }
  });
});
