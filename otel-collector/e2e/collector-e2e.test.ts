// End to end: an app registered with the SDK sends scripted attacks and a benign run of the same size through the
// real otelcol-secotel binary (shipped config/local.yaml + e2e/collector.yaml); the file exporter's output must hold
// exactly the expected security.alert records, none for the benign run, and secotel-verify must accept the output
// and name the record in copies with one record modified, one deleted and two swapped. Real processes, loopback.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type OutputRecord,
  PROCESSOR_SCOPE,
  readOutput,
  seqOf,
  setAttribute,
  tamperedCopy,
} from './support/output';
import { buildBinaries, secotelVerify } from './support/processes';
import {
  type Attempt,
  attempt,
  LOGIN_EVENTS,
  localStack,
  metricByLabel,
  passwordOf,
  range,
  runScenario,
  type ScenarioRun,
  shardedStack,
  stopUnfinishedScenarios,
} from './support/scenario';

const MINUTES = 60_000;

const BRUTE_FORCER = '203.0.113.10';
const STUFFER = '203.0.113.20';
const SPRAYER = '203.0.113.30';
const GUESSER = '198.51.100.40';

/** 51 attempts. The default rules' thresholds: see spec/detection-rules.yaml. */
const attackPhases: Attempt[][] = [
  // Brute force: 12 passwords against one account from one source (brute_force: 10 failures in 5m).
  range(12).map((i) => attempt(BRUTE_FORCER, 'alice', `guess-${i}`)),
  // Credential stuffing: 12 leaked pairs, one try per name (credential_stuffing: 10 distinct names in 5m).
  [
    'admin',
    'root',
    'test',
    'guest',
    'oracle',
    'support',
    'user0',
    'user1',
    'bob',
    'carol',
    'info',
    'ftp',
  ].map((name) => attempt(STUFFER, name, 'leaked-password')),
  // Password spraying: two common passwords against 10 accounts (password_spraying: 10 names failing 2-5 times).
  ['Winter2026!', 'Spring2026!'].flatMap((password) =>
    range(10).map((i) => attempt(SPRAYER, `user${10 + i}`, password)),
  ),
  // Success after failures: 6 wrong passwords for dave, then the right one (5 failures then a success).
  [...range(6).map((i) => attempt(GUESSER, 'dave', `dave-${i}`)), attempt(GUESSER, 'dave', 'dave-pw')],
];

/**
 * One alert per rule and key, however long the attack goes on (suppression). The default rules overlap by design
 * (securityprocessor/README.md): every source with 10 failures is also a brute force, and a spraying run's first
 * round is indistinguishable from stuffing. `count` is the records that completed the pattern: the 10th failure
 * fires brute_force and the 10th distinct name credential_stuffing; spraying fires on the 20th failure, when the
 * 10th account sees its second password; success_after_failures holds the 5 newest failures and the success.
 */
const expectedAttackAlerts = [
  { rule: 'brute_force', key: `client.address=${BRUTE_FORCER}`, count: 10 },
  { rule: 'brute_force', key: `client.address=${STUFFER}`, count: 10 },
  { rule: 'credential_stuffing', key: `client.address=${STUFFER}`, count: 10, distinct: 10 },
  { rule: 'brute_force', key: `client.address=${SPRAYER}`, count: 10 },
  { rule: 'credential_stuffing', key: `client.address=${SPRAYER}`, count: 10, distinct: 10 },
  { rule: 'password_spraying', key: `client.address=${SPRAYER}`, count: 20, distinct: 10 },
  { rule: 'success_after_failures', key: 'user.name=dave', count: 6 },
];

/**
 * Attacks on one account from many sources (29 attempts): each source stays below every per-source threshold, so
 * only rules keyed by user.name see them, and only if every attempt on the account reaches one place. The account
 * names are spelled differently from source to source.
 */
const accountPhases: Attempt[][] = [
  // Distributed brute force: 22 sources, one guess each, against frank (distributed_brute_force: 20 in 10m).
  range(22).map((i) => attempt(`198.18.7.${i + 1}`, i % 2 === 0 ? 'frank' : 'Frank', `frank-${i}`)),
  // Success after failures from rotating sources: 5 failures for erin from 5 sources, then the right password.
  [
    ...range(5).map((i) => attempt(`198.18.8.${i + 1}`, i % 2 === 0 ? 'erin' : 'ERIN', `erin-${i}`)),
    attempt('198.18.8.99', 'erin', 'erin-pw'),
  ],
];
const expectedAccountAlerts = [
  { rule: 'distributed_brute_force', key: 'user.name=frank', count: 20 },
  { rule: 'success_after_failures', key: 'user.name=erin', count: 6 },
];

/** 51 attempts, 14 of them failures, from 34 sources; near misses but no pattern. */
const benignPhases: Attempt[][] = [
  // 30 people from their own addresses; 8 mistype their password once first.
  range(30).flatMap((i) => [
    ...(i < 8 ? [attempt(`192.0.2.${i + 1}`, `user${i}`, 'typo')] : []),
    attempt(`192.0.2.${i + 1}`, `user${i}`, `pw-${i}`),
  ]),
  // Someone trying old passwords: 4 failures (one short of the rule), then the right one.
  [
    ...range(4).map((i) => attempt('192.0.2.31', 'user30', `old-${i}`)),
    attempt('192.0.2.31', 'user30', 'pw-30'),
  ],
  // An office behind one NAT address.
  [
    attempt('192.0.2.200', 'user31', 'typo'),
    attempt('192.0.2.200', 'user31', 'pw-31'),
    attempt('192.0.2.200', 'user32', 'pw-32'),
    attempt('192.0.2.200', 'user33', 'typo'),
    attempt('192.0.2.200', 'user33', 'pw-33'),
    attempt('192.0.2.200', 'user34', 'pw-34'),
  ],
  [attempt('192.0.2.36', 'user35', 'pw-35'), attempt('192.0.2.37', 'user36', 'pw-36')],
];

const alertsOf = (records: OutputRecord[]) => records.filter((r) => r.eventName === 'security.alert');
const describeAlert = (r: OutputRecord) => ({
  rule: r.attributes['security_rule.name'],
  key: r.attributes['security.alert.key'],
  count: r.attributes['security.alert.count'],
  ...(r.attributes['security.alert.distinct_count'] === undefined
    ? {}
    : { distinct: r.attributes['security.alert.distinct_count'] }),
});
const byRuleAndKey = (a: { rule: unknown; key: unknown }, b: { rule: unknown; key: unknown }) =>
  `${a.rule} ${a.key}`.localeCompare(`${b.rule} ${b.key}`);

/** A fresh ed25519 key: the base64 seed the collector signs checkpoints with, and the public key to verify. */
function checkpointKeys(): { seed: string; publicKey: string } {
  const jwk = generateKeyPairSync('ed25519').privateKey.export({
    format: 'jwk',
  });
  const base64 = (base64url: string | undefined) =>
    Buffer.from(base64url ?? '', 'base64url').toString('base64');
  return { seed: base64(jwk.d), publicKey: base64(jwk.x) };
}

/**
 * Checks what every scenario's output must hold: one fact per attempt, from its own source, in the order sent.
 * With several collectors, each source's facts are all on one of them, in the order that source sent them
 * (the router regroups a batch by routing key, so different sources may interleave differently).
 */
function expectLoginFacts(run: ScenarioRun, phases: Attempt[][]): void {
  const attempts = phases.flat();
  const succeeds = attempts.map((a) => a.password === passwordOf(a.login));
  expect(run.statuses).toEqual(succeeds.map((ok) => (ok ? 200 : 401)));
  const sent = attempts.map((a, i) => [
    a.source,
    a.login,
    succeeds[i] ? 'security.authn_login_success' : 'security.authn_login_fail',
  ]);
  const placed = new Map<unknown, string>();
  for (const { path, records } of run.outputs) {
    const facts = records
      .filter((r) => LOGIN_EVENTS.has(r.eventName))
      .map((r) => [r.attributes['client.address'], r.attributes['user.name'], r.eventName]);
    const sources = new Set(facts.map(([source]) => source));
    for (const source of sources) {
      expect(placed.get(source), `${source} in ${path}`).toBeUndefined();
      placed.set(source, path);
    }
    if (run.outputs.length === 1) expect(facts).toEqual(sent);
    for (const source of sources)
      expect(facts.filter(([s]) => s === source)).toEqual(sent.filter(([s]) => s === source));
  }
  expect([...placed.keys()].sort()).toEqual([...new Set(attempts.map((a) => a.source))].sort());
  expect(run.appStderr).not.toMatch(/error|fail/i);
  expect(run.collectorExits.every((code) => code === 0)).toBe(true);
}

describe('otelcol-secotel end to end', () => {
  let collectorBinary: string;
  const keys = checkpointKeys();
  const dir = mkdtempSync(join(tmpdir(), 'secotel-e2e-'));

  beforeAll(async () => {
    collectorBinary = await buildBinaries();
  }, 15 * MINUTES);

  afterAll(async () => {
    await stopUnfinishedScenarios();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs `phases` against a fresh single collector before the tests of the enclosing describe. */
  const localScenario = (name: string, phases: Attempt[][], options?: { restartBeforePhase?: number }) => {
    const scenario = {} as { run: ScenarioRun; output: string; records: OutputRecord[] };
    // biome-ignore lint/suspicious/noDuplicateTestHooks: called once per describe, so each describe gets one hook
    beforeAll(async () => {
      const stack = await localStack(collectorBinary, join(dir, name), keys.seed);
      scenario.run = await runScenario(stack, phases, options);
      const [only] = scenario.run.outputs;
      scenario.output = only?.path ?? '';
      scenario.records = only?.records ?? [];
    }, 5 * MINUTES);
    return scenario;
  };

  describe('a brute force, a credential-stuffing run, a spraying run and a success after failures', () => {
    const attack = localScenario('attack', attackPhases);

    it('reaches the collector as one login fact per attempt, each from its simulated source', () => {
      expect(attackPhases.flat()).toHaveLength(51);
      expect(attack.run.statuses.filter((s) => s === 200)).toHaveLength(1);
      expectLoginFacts(attack.run, attackPhases);
    });

    it('raises exactly one alert per attack and rule', () => {
      expect(alertsOf(attack.records).map(describeAlert).sort(byRuleAndKey)).toEqual(
        [...expectedAttackAlerts].sort(byRuleAndKey),
      );
    });

    it('writes the alert attributes of each rule', () => {
      const rules: Record<string, { type: string; severity: string; window: number }> = {
        brute_force: { type: 'event_count', severity: 'WARN', window: 300 },
        credential_stuffing: { type: 'value_count', severity: 'CRITICAL', window: 300 },
        password_spraying: { type: 'value_count', severity: 'CRITICAL', window: 3600 },
        success_after_failures: { type: 'temporal_ordered', severity: 'CRITICAL', window: 600 },
      };
      for (const alert of alertsOf(attack.records)) {
        const a = alert.attributes;
        const rule = rules[a['security_rule.name'] as string];
        expect(rule, JSON.stringify(describeAlert(alert))).toBeDefined();
        if (rule === undefined) continue;
        expect(alert.scope).toBe(PROCESSOR_SCOPE);
        expect(alert.severityText).toBe(rule.severity);
        expect(a['security.category']).toBe('alert');
        expect(a['security.alert.type']).toBe(rule.type);
        expect(a['security.alert.window']).toBe(rule.window);
        expect(a['security_rule.uuid']).toMatch(
          /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        );
        expect(Date.parse(a['security.alert.first_seen'] as string)).toBeGreaterThanOrEqual(
          attack.run.startedAt,
        );
        expect(Date.parse(a['security.alert.first_seen'] as string)).toBeLessThanOrEqual(
          Date.parse(a['security.alert.last_seen'] as string),
        );
        // The group-by key as its own attribute; the evidence is the attack's own records.
        const [keyName, keyValue] = (a['security.alert.key'] as string).split('=');
        expect(a[keyName ?? '']).toBe(keyValue);
        const evidence = a['security.alert.evidence'] as string[];
        expect(evidence).toHaveLength(3);
        for (const body of evidence)
          expect(body).toMatch(
            new RegExp(`^login (failed|succeeded) for .*${keyValue?.replaceAll('.', '\\.')}`),
          );
        // The alert's resource is the app's.
        expect(alert.resource['service.name']).toBe('shop');
        expect(alert.body).toContain(a['security.alert.key'] as string);
      }
    });

    it('counts in its own metrics the alerts it wrote and the ones suppression held back', () => {
      expect(metricByLabel(attack.run.metrics, 'otelcol_processor_security_alerts', 'rule')).toEqual({
        brute_force: 3,
        credential_stuffing: 2,
        password_spraying: 1,
        success_after_failures: 1,
      });
      // The attacks went on after their alerts, and every later record completed the pattern again:
      // brute_force 2 + 2 + 10 failures after the 10th, credential_stuffing 2 (stuffer) + 10 (spraying round 2).
      expect(
        metricByLabel(attack.run.metrics, 'otelcol_processor_security_alerts_suppressed', 'rule'),
      ).toEqual({
        brute_force: 14,
        credential_stuffing: 12,
      });
    });

    it('chains every record and signs its checkpoints: genesis, then at the interval, the last record last', () => {
      const checkpoints = attack.records.filter((r) => r.eventName === 'security.integrity_checkpoint');
      const reasons = checkpoints.map((r) => r.attributes['security.integrity.reason']);
      expect(reasons[0]).toBe('genesis');
      expect(reasons).toContain('interval');
      expect(attack.records.at(-1)?.eventName).toBe('security.integrity_checkpoint');
      for (const c of checkpoints) {
        expect(c.attributes['security.integrity.signature_algorithm']).toBe('ed25519');
        expect(c.attributes['security.integrity.key_id']).toBe('e2e');
      }
      expect(attack.records.map(seqOf)).toEqual(range(attack.records.length).map((i) => i + 1));
    });

    describe('secotel-verify', () => {
      const keyFlag = () => ['-ed25519-key', `e2e=${keys.publicKey}`];
      /** A login failure in the middle of the chain whose successor sits next to it in the same batch. */
      const target = () => {
        const candidates = attack.records.filter((r, i) => {
          const next = attack.records[i + 1];
          return (
            r.eventName === 'security.authn_login_fail' &&
            next !== undefined &&
            next.line === r.line &&
            next.scope === r.scope &&
            seqOf(next) === seqOf(r) + 1
          );
        });
        const middle = candidates[Math.floor(candidates.length / 2)];
        if (middle === undefined) throw new Error('no two adjacent records in one batch');
        return middle;
      };
      const chainOf = (r: OutputRecord) =>
        `stream "${r.attributes['security.integrity.stream']}" chain ${r.attributes['security.integrity.chain']}`;
      const findings = (stdout: string) => stdout.split('\n').filter((line) => /^[A-Z]+: stream/.test(line));

      it('accepts the intact output and checks every checkpoint signature', async () => {
        const result = await secotelVerify([...keyFlag(), attack.output]);
        const checkpoints = attack.records.filter(
          (r) => r.eventName === 'security.integrity_checkpoint',
        ).length;
        expect(result.stdout).toContain(
          `chain: ${chainOf(attack.records[0] as OutputRecord)}: ${attack.records.length} records, seq 1-${attack.records.length}, ${checkpoints} checkpoints, ${checkpoints} signatures verified`,
        );
        expect(result.stdout).toContain(`INTACT: ${attack.records.length} records in 1 chains`);
        expect(findings(result.stdout)).toEqual([]);
        expect(result.stdout).not.toContain('note:');
        expect(result.code).toBe(0);
      });

      it('rejects every checkpoint signature under another key', async () => {
        const result = await secotelVerify([
          '-ed25519-key',
          `e2e=${checkpointKeys().publicKey}`,
          attack.output,
        ]);
        const checkpoints = attack.records.filter((r) => r.eventName === 'security.integrity_checkpoint');
        const first = attack.records[0] as OutputRecord;
        expect(findings(result.stdout)).toEqual([
          // No verified signature covers any record (findings are listed by seq).
          expect.stringMatching(
            new RegExp(
              `^UNATTESTED: ${chainOf(first)} seq 1-${attack.records.length}: seq 1 to ${attack.records.length} are not covered`,
            ),
          ),
          ...checkpoints.map(
            (c) =>
              `MODIFIED: ${chainOf(c)} seq ${seqOf(c)} at ${attack.output} line ${c.line} record ${c.record}: checkpoint signature does not verify`,
          ),
        ]);
        expect(result.code).toBe(1);
      });

      it('names the record that was modified', async () => {
        const r = target();
        const copy = join(dir, 'modified.json');
        tamperedCopy(attack.output, copy, seqOf(r), (logs, i) =>
          setAttribute(logs[i] ?? {}, 'client.address', '192.0.2.99'),
        );
        const result = await secotelVerify([...keyFlag(), copy]);
        expect(findings(result.stdout)).toEqual([
          `MODIFIED: ${chainOf(r)} seq ${seqOf(r)} at ${copy} line ${r.line} record ${r.record}: content does not match its hash`,
        ]);
        expect(result.stdout).toContain(`TAMPERED: 1 findings in ${attack.records.length} records`);
        expect(result.code).toBe(1);
      });

      it('names the record that was deleted', async () => {
        const r = target();
        const copy = join(dir, 'deleted.json');
        tamperedCopy(attack.output, copy, seqOf(r), (logs, i) => logs.splice(i, 1));
        const result = await secotelVerify([...keyFlag(), copy]);
        expect(findings(result.stdout)).toEqual([
          `DELETED: ${chainOf(r)} seq ${seqOf(r)}: seq ${seqOf(r)} is missing`,
        ]);
        expect(result.stdout).toContain(`TAMPERED: 1 findings in ${attack.records.length - 1} records`);
        expect(result.code).toBe(1);
      });

      it('names the records that were swapped', async () => {
        const r = target();
        const copy = join(dir, 'swapped.json');
        tamperedCopy(attack.output, copy, seqOf(r), (logs, i) => {
          const [first, second] = logs.splice(i, 2);
          logs.splice(i, 0, second ?? {}, first ?? {});
        });
        const result = await secotelVerify([...keyFlag(), copy]);
        expect(findings(result.stdout)).toEqual([
          `REORDERED: ${chainOf(r)} seq ${seqOf(r)} at ${copy} line ${r.line} record ${r.record + 1}: appears after seq ${seqOf(r) + 1}`,
        ]);
        expect(result.stdout).toContain(`TAMPERED: 1 findings in ${attack.records.length} records`);
        expect(result.code).toBe(1);
      });
    });
  });

  describe('a benign run of the same size', () => {
    const benign = localScenario('benign', benignPhases);

    it('reaches the collector as one login fact per attempt, each from its simulated source', () => {
      expect(benignPhases.flat()).toHaveLength(51);
      expect(benign.run.statuses.filter((s) => s === 401)).toHaveLength(14);
      expectLoginFacts(benign.run, benignPhases);
    });

    it('raises no alert, and no rule even fires under suppression', () => {
      expect(alertsOf(benign.records).map(describeAlert)).toEqual([]);
      expect(metricByLabel(benign.run.metrics, 'otelcol_processor_security_alerts', 'rule')).toEqual({});
      expect(
        metricByLabel(benign.run.metrics, 'otelcol_processor_security_alerts_suppressed', 'rule'),
      ).toEqual({});
    });

    it('passes secotel-verify', async () => {
      const result = await secotelVerify(['-ed25519-key', `e2e=${keys.publicKey}`, benign.output]);
      expect(result.stdout).toContain(`INTACT: ${benign.records.length} records in 1 chains`);
      expect(result.code).toBe(0);
    });
  });

  describe('a collector restart in the middle of a run (chain heads kept in file_storage)', () => {
    const restarted = localScenario('restart', benignPhases, { restartBeforePhase: 2 });
    const checkpoints = () =>
      restarted.records.filter((r) => r.eventName === 'security.integrity_checkpoint');
    /** The restart checkpoint, which ends the restarted collector's first batch (one line of the output). */
    const restartCheckpoint = () => {
      const restarts = checkpoints().filter((r) => r.attributes['security.integrity.reason'] === 'restart');
      expect(restarts).toHaveLength(1);
      return restarts[0] as OutputRecord;
    };
    /** The seq of the last record the first collector wrote: just before the restarted collector's first. */
    const headAtRestart = () =>
      seqOf(restarted.records.find((r) => r.line === restartCheckpoint().line) ?? restartCheckpoint()) - 1;

    it("loses nothing and continues the chain, the restarted collector's first batch ending on a restart checkpoint", () => {
      expectLoginFacts(restarted.run, benignPhases);
      expect(restarted.records.map(seqOf)).toEqual(range(restarted.records.length).map((i) => i + 1));
      const reasons = checkpoints().map((r) => r.attributes['security.integrity.reason']);
      expect(reasons.filter((reason) => reason === 'genesis')).toHaveLength(1);
      expect(restartCheckpoint().attributes['security.integrity.restart']).toBe(true);
      // The first collector ended on a checkpoint; the second one went on with the phase after the restart.
      expect(restarted.records[headAtRestart() - 1]?.eventName).toBe('security.integrity_checkpoint');
      expect(restarted.records[headAtRestart()]?.attributes['client.address']).toBe(
        benignPhases[2]?.[0]?.source,
      );
      expect(alertsOf(restarted.records)).toEqual([]);
    });

    it('passes secotel-verify as one chain', async () => {
      const result = await secotelVerify(['-ed25519-key', `e2e=${keys.publicKey}`, restarted.output]);
      expect(result.stdout).toContain(`INTACT: ${restarted.records.length} records in 1 chains`);
      expect(result.stdout).not.toContain('note:');
      expect(result.code).toBe(0);
    });

    it('tells a deletion at the restart from the restart itself', async () => {
      const copy = join(dir, 'restart-deleted.json');
      const seq = headAtRestart();
      tamperedCopy(restarted.output, copy, seq, (logs, i) => logs.splice(i, 1));
      const result = await secotelVerify(['-ed25519-key', `e2e=${keys.publicKey}`, copy]);
      expect(result.stdout).toMatch(
        new RegExp(`^DELETED: stream "[^"]+" chain \\w+ seq ${seq}: seq ${seq} is missing$`, 'm'),
      );
      // When the deleted record was alone in its line (a checkpoint the timer wrote), the emptied payload the
      // edit left behind is reported as well: it is not a chained record.
      const others = result.stdout
        .split('\n')
        .filter((line) => /^[A-Z]+: /.test(line) && !/^(DELETED|TAMPERED): /.test(line));
      for (const line of others)
        expect(line).toMatch(/^INSERTED: at \S+ line \d+: (holds no log record|holds bytes outside)/);
      expect(result.stdout).toContain(
        `TAMPERED: ${1 + others.length} findings in ${restarted.records.length - 1} records`,
      );
      expect(result.code).toBe(1);
    });
  });

  describe('attacks across a collector restart (detection state kept in file_storage)', () => {
    // A brute force and a success after failures, each cut in two by the restart: only a collector that
    // restored its detection state sees either pattern whole.
    const acrossRestart: Attempt[][] = [
      [
        ...range(6).map((i) => attempt('203.0.113.44', 'carol', `carol-${i}`)),
        ...range(5).map((i) => attempt('198.51.100.44', 'bob', `bob-${i}`)),
      ],
      [
        ...range(4).map((i) => attempt('203.0.113.44', 'carol', `carol-${6 + i}`)),
        attempt('198.51.100.44', 'bob', 'bob-pw'),
      ],
    ];
    const restarted = localScenario('restart-detection', acrossRestart, { restartBeforePhase: 1 });

    it('alerts as if the collector had not restarted', () => {
      expectLoginFacts(restarted.run, acrossRestart);
      expect(alertsOf(restarted.records).map(describeAlert).sort(byRuleAndKey)).toEqual(
        [
          { rule: 'brute_force', key: 'client.address=203.0.113.44', count: 10 },
          { rule: 'success_after_failures', key: 'user.name=bob', count: 6 },
        ].sort(byRuleAndKey),
      );
    });
  });

  describe('attacks across a restart of both gateways (detection state kept in file_storage)', () => {
    // A brute force, a distributed brute force and a success after failures from rotating sources, each cut in
    // two by the restart of every gateway.
    const acrossRestart: Attempt[][] = [
      [
        ...range(6).map((i) => attempt('203.0.113.60', 'alice', `alice-${i}`)),
        ...range(12).map((i) => attempt(`198.18.9.${i + 1}`, 'frank', `frank-${i}`)),
        ...range(5).map((i) => attempt(`198.18.10.${i + 1}`, 'erin', `erin-${i}`)),
      ],
      [
        ...range(4).map((i) => attempt('203.0.113.60', 'alice', `alice-${6 + i}`)),
        ...range(10).map((i) => attempt(`198.18.9.${13 + i}`, 'frank', `frank-${12 + i}`)),
        attempt('198.18.10.99', 'erin', 'erin-pw'),
      ],
    ];
    let run: ScenarioRun;
    beforeAll(async () => {
      const stack = await shardedStack(collectorBinary, join(dir, 'sharded-restart'));
      run = await runScenario(stack, acrossRestart, { restartBeforePhase: 1 });
    }, 5 * MINUTES);

    it('alerts as if no gateway had restarted', () => {
      expectLoginFacts(run, acrossRestart);
      const alerts = run.outputs.flatMap(({ records }) => alertsOf(records));
      expect(alerts.map(describeAlert).sort(byRuleAndKey)).toEqual(
        [
          { rule: 'brute_force', key: 'client.address=203.0.113.60', count: 10 },
          { rule: 'distributed_brute_force', key: 'user.name=frank', count: 20 },
          { rule: 'success_after_failures', key: 'user.name=erin', count: 6 },
        ].sort(byRuleAndKey),
      );
    });
  });

  describe('scale-out: a router sharding by client.address and by user.name over two gateways (attack and benign runs together)', () => {
    let run: ScenarioRun;
    let backend: OutputRecord[];
    const phases = [...attackPhases, ...accountPhases, ...benignPhases];
    const expectedAlerts = [...expectedAttackAlerts, ...expectedAccountAlerts];
    beforeAll(async () => {
      const stack = await shardedStack(collectorBinary, join(dir, 'sharded'));
      run = await runScenario(stack, phases);
      backend = readOutput(stack.backendOutput);
    }, 5 * MINUTES);

    const alertsByGateway = () => run.outputs.map(({ records }) => alertsOf(records));

    it('keeps each source on one gateway and uses both', () => {
      expectLoginFacts(run, phases);
      for (const { records } of run.outputs)
        expect(records.filter((r) => LOGIN_EVENTS.has(r.eventName))).not.toEqual([]);
    });

    it('raises each alert exactly once across the gateways, those keyed by user.name included', () => {
      expect(alertsByGateway().flat().map(describeAlert).sort(byRuleAndKey)).toEqual(
        [...expectedAlerts].sort(byRuleAndKey),
      );
      for (const [index, alerts] of alertsByGateway().entries()) {
        const sources = new Set(run.outputs[index]?.records.map((r) => r.attributes['client.address']));
        for (const alert of alerts) {
          const source = alert.attributes['client.address'];
          if (source !== undefined)
            expect(sources.has(source), JSON.stringify(describeAlert(alert))).toBe(true);
        }
      }
    });

    it('stores each record once: the user.name copies only feed their rules', () => {
      const stored = run.outputs.flatMap(({ records }) =>
        records.filter((r) => LOGIN_EVENTS.has(r.eventName)),
      );
      expect(stored).toHaveLength(phases.flat().length);
      expect(
        stored.filter((r) => 'secotel.route' in r.attributes || 'secotel.route.key' in r.attributes),
      ).toEqual([]);
    });

    it('sends every record on to the OTLP backend, and each alert once', () => {
      expect(backend).toHaveLength(run.outputs.reduce((sum, { records }) => sum + records.length, 0));
      const received = alertsOf(backend);
      expect(
        received
          .map((r) => ({ rule: r.attributes['security_rule.name'], key: r.attributes['security.alert.key'] }))
          .sort(byRuleAndKey),
      ).toEqual(expectedAlerts.map(({ rule, key }) => ({ rule, key })).sort(byRuleAndKey));
    });

    it("chains each gateway's output separately, and secotel-verify passes on each", async () => {
      for (const [index, { path, records }] of run.outputs.entries()) {
        expect(
          records.every((r) =>
            String(r.attributes['security.integrity.stream']).startsWith(`collector=gw-${index + 1},`),
          ),
        ).toBe(true);
        const result = await secotelVerify([path]);
        expect(result.stdout).toContain(
          `CONSISTENT: ${records.length} records in 1 chains; consistency only`,
        );
        expect(result.code).toBe(0);
      }
    });
  });
});
