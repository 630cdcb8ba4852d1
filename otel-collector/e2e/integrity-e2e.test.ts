// End to end, as someone who can edit the stored output would try it, against the real otelcol-secotel binary with
// the shipped config/local.yaml (plus the test overlay: a checkpoint every second, the test's signing key):
// cutting the tail after the collector went idle, re-chaining a modified output with a collector of one's own,
// and deleting the oldest files of a rotated output. secotel-verify must name each of them.
import { generateKeyPairSync } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROCESSOR_SCOPE, readOutput, seqOf } from './support/output';
import { buildBinaries, COLLECTOR_DIR, Collector, secotelVerify } from './support/processes';

const MINUTES = 60_000;
const config = (name: string) => resolve(COLLECTOR_DIR, name);
const CHECKPOINT = 'security.integrity_checkpoint';

function checkpointKeys(): { seed: string; publicKey: string } {
  const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
  const base64 = (base64url: string | undefined) =>
    Buffer.from(base64url ?? '', 'base64url').toString('base64');
  return { seed: base64(jwk.d), publicKey: base64(jwk.x) };
}

/** OTLP JSON for `count` failed logins of service shop, numbered from `first`, each with `padding` bytes of body. */
function loginFailures(first: number, count: number, padding = 0) {
  const now = BigInt(Date.now()) * 1_000_000n;
  return {
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'shop' } }] },
        scopeLogs: [
          {
            scope: { name: '@secotel/node' },
            logRecords: Array.from({ length: count }, (_, i) => ({
              timeUnixNano: String(now + BigInt(i)),
              eventName: 'security.authn_login_fail',
              severityText: 'WARN',
              severityNumber: 13,
              body: { stringValue: `login failed for user${first + i}${' '.repeat(padding)}` },
              attributes: [
                { key: 'user.name', value: { stringValue: `user${first + i}` } },
                { key: 'client.address', value: { stringValue: `192.0.2.${(first + i) % 200}` } },
              ],
            })),
          },
        ],
      },
    ],
  };
}

async function send(collector: Collector, payload: unknown): Promise<void> {
  const response = await fetch(`${collector.otlpHttpEndpoint}/v1/logs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  expect(response.status).toBe(200);
}

async function waitFor(what: string, ready: () => boolean, millis = 60_000): Promise<void> {
  const deadline = Date.now() + millis;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

const lines = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '');
const findings = (stdout: string) =>
  stdout.split('\n').filter((line) => /^(MODIFIED|DELETED|INSERTED|REORDERED|UNATTESTED|STALE): /.test(line));
/** The output without its last `count` records, as an editor would cut them (empty payloads dropped). */
function withoutLastRecords(output: string[], count: number): string {
  const payloads = output.map((line) => JSON.parse(line));
  let left = count;
  for (const payload of [...payloads].reverse()) {
    for (const rl of [...payload.resourceLogs].reverse())
      for (const sl of [...rl.scopeLogs].reverse())
        while (left > 0 && sl.logRecords.length > 0) {
          sl.logRecords.pop();
          left--;
        }
  }
  for (const payload of payloads)
    for (const rl of payload.resourceLogs)
      rl.scopeLogs = rl.scopeLogs.filter((sl: { logRecords: unknown[] }) => sl.logRecords.length > 0);
  const kept = payloads
    .map((payload) => ({
      ...payload,
      resourceLogs: payload.resourceLogs.filter((rl: { scopeLogs: unknown[] }) => rl.scopeLogs.length > 0),
    }))
    .filter((payload) => payload.resourceLogs.length > 0);
  return `${kept.map((payload) => JSON.stringify(payload)).join('\n')}\n`;
}
const seqs = (from: number, to: number) => (from === to ? `${from}` : `${from}-${to}`);

describe('secotel-verify against an editor of the stored output (otelcol-secotel, config/local.yaml)', () => {
  let binary: string;
  const keys = checkpointKeys();
  const keyFlag = ['-ed25519-key', `e2e=${keys.publicKey}`];
  const dir = mkdtempSync(join(tmpdir(), 'secotel-integrity-'));
  const running: Collector[] = [];

  /** The shipped local config with the test overlay (1 s checkpoints, the test's key), plus `extra` overlays. */
  async function start(name: string, extra: string[] = [], env: Record<string, string> = {}) {
    const home = join(dir, name);
    mkdirSync(home, { recursive: true });
    const paths = { output: join(home, 'output.json'), digests: join(home, 'state', 'digests.jsonl') };
    const collector = await Collector.start(
      binary,
      [config('config/local.yaml'), config('e2e/collector.yaml'), ...extra.map(config)],
      {
        SECOTEL_OUTPUT: paths.output,
        SECOTEL_STATE_DIR: join(home, 'state'),
        E2E_CHECKPOINT_KEY: keys.seed,
        ...env,
      },
    );
    running.push(collector);
    return { collector, ...paths, home };
  }

  beforeAll(async () => {
    binary = await buildBinaries();
  }, 15 * MINUTES);

  afterAll(async () => {
    for (const collector of running) await collector.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('the tail cut after the collector went idle', () => {
    let run: { output: string; digests: string; home: string };
    let lastRecordSeq = 0;

    beforeAll(async () => {
      const started = await start('idle');
      run = started;
      await send(started.collector, loginFailures(0, 20));
      await send(started.collector, loginFailures(20, 5));
      // Idle from here: the timer must checkpoint the last records without another batch.
      await waitFor('the interval checkpoint after the last records', () => {
        if (!existsSync(run.output)) return false;
        const records = readOutput(run.output);
        const last = records.at(-1);
        return (
          records.length >= 25 &&
          last?.eventName === CHECKPOINT &&
          last.attributes['security.integrity.reason'] === 'interval'
        );
      });
      lastRecordSeq = seqOf(readOutput(run.output).at(-1) as never);
      await waitFor('a digest naming that checkpoint', () =>
        readFileSync(run.digests, 'utf8').includes(`"seq":${lastRecordSeq},`),
      );
      expect(await started.collector.stop()).toBe(0);
    }, 5 * MINUTES);

    it('gets an interval checkpoint while idle, and the output and digests verify', async () => {
      const result = await secotelVerify([...keyFlag, '-digests', run.digests, run.output]);
      expect(findings(result.stdout)).toEqual([]);
      expect(result.stdout).toContain('INTACT: ');
      expect(result.stdout).toContain('every attested head present');
      expect(result.code).toBe(0);
    });

    it('names the records cut from the end, the checkpoint included', async () => {
      for (const drop of [1, 3, 8]) {
        const copy = join(run.home, `cut-${drop}.json`);
        writeFileSync(copy, withoutLastRecords(lines(run.output), drop));
        const kept = readOutput(copy);
        const result = await secotelVerify([...keyFlag, '-digests', run.digests, copy]);
        expect(findings(result.stdout)).toContainEqual(
          expect.stringMatching(
            new RegExp(
              `^DELETED: stream "service.name=shop" chain \\w+ seq ${seqs(seqOf(kept.at(-1) as never) + 1, lastRecordSeq)}: .* missing after the last record of the output`,
            ),
          ),
        );
        expect(result.code).toBe(1);
      }
    });

    it('names an output or digests truncated inside a line', async () => {
      const text = readFileSync(run.output, 'utf8');
      const lastLine = text.lastIndexOf('\n', text.length - 2) + 1;
      const cut = join(run.home, 'cut-mid-line.json');
      writeFileSync(cut, text.slice(0, lastLine + Math.floor((text.length - lastLine) / 2)));
      const result = await secotelVerify([...keyFlag, '-digests', run.digests, cut]);
      expect(findings(result.stdout)).toContainEqual(
        expect.stringMatching(/^INSERTED: at \S+ line \d+: the output ends inside this line/),
      );
      expect(findings(result.stdout)).toContainEqual(
        expect.stringMatching(/^DELETED: .* missing after the last record/),
      );
      expect(result.code).toBe(1);

      const digests = readFileSync(run.digests, 'utf8');
      const cutDigests = join(run.home, 'cut-mid-line.jsonl');
      writeFileSync(cutDigests, digests.slice(0, digests.length - 20));
      const digestResult = await secotelVerify([...keyFlag, '-digests', cutDigests, run.output]);
      expect(findings(digestResult.stdout)).toContainEqual(
        expect.stringMatching(/^INSERTED: at \S+ line \d+: the digests end inside this line/),
      );
      expect(digestResult.code).toBe(1);
    });

    it("fails with another collector's digests, signed with the same key", async () => {
      const other = await start('other-collector');
      await send(other.collector, loginFailures(100, 3));
      expect(await other.collector.stop()).toBe(0);
      const result = await secotelVerify([...keyFlag, '-digests', other.digests, run.output]);
      expect(findings(result.stdout)).toContainEqual(
        expect.stringMatching(/^DELETED: .*no record of this chain is in the output/),
      );
      expect(findings(result.stdout)).toContainEqual(
        expect.stringMatching(/^STALE: .*no digest names this chain/),
      );
      expect(result.code).toBe(1);
    });

    it('fails when the digests were deleted or emptied as well', async () => {
      const copy = join(run.home, 'cut.json');
      writeFileSync(copy, `${lines(run.output).slice(0, -1).join('\n')}\n`);
      const missing = await secotelVerify([...keyFlag, '-digests', join(run.home, 'gone.jsonl'), copy]);
      expect(missing.stdout).toContain('is missing');
      expect(missing.code).toBe(1);
      const empty = join(run.home, 'empty.jsonl');
      writeFileSync(empty, '');
      const emptied = await secotelVerify([...keyFlag, '-digests', empty, copy]);
      expect(emptied.stdout).toContain('the digests hold no valid digest');
      expect(emptied.code).toBe(1);
    });

    it('fails when an older copy of the digests is put back with the cut output', async () => {
      const digestLines = lines(run.digests);
      const olderDigests = join(run.home, 'older.jsonl');
      writeFileSync(olderDigests, `${digestLines.slice(0, 1).join('\n')}\n`); // the start digest only
      const copy = join(run.home, 'cut-to-first.json');
      writeFileSync(copy, `${lines(run.output).slice(0, 1).join('\n')}\n`);
      const result = await secotelVerify([
        ...keyFlag,
        '-digests',
        olderDigests,
        '-digest-max-age',
        '1s',
        copy,
      ]);
      expect(result.stdout).toMatch(/^STALE: the newest digest/m);
      expect(result.code).toBe(1);
    });
  });

  describe('an output re-chained by the editor with a collector of their own (no key, or another key)', () => {
    let genuine: string;
    let rechained: string;
    let resigned: string;

    /** The genuine records without chain attributes or the processor's own records, one changed, as OTLP JSON. */
    const edited = () =>
      lines(genuine).map((line) => {
        const payload = JSON.parse(line);
        for (const rl of payload.resourceLogs ?? []) {
          rl.scopeLogs = (rl.scopeLogs ?? []).filter(
            (sl: { scope?: { name?: string } }) => sl.scope?.name !== PROCESSOR_SCOPE,
          );
          for (const sl of rl.scopeLogs)
            for (const log of sl.logRecords ?? []) {
              log.attributes = log.attributes.filter(
                (a: { key: string }) => !a.key.startsWith('security.integrity.'),
              );
              if (log.body?.stringValue?.startsWith('login failed for user3'))
                log.body.stringValue = 'login failed for user3 (edited)';
            }
        }
        return payload;
      });

    async function rechain(name: string, overlays: string[], env: Record<string, string>) {
      const home = join(dir, name);
      mkdirSync(home, { recursive: true });
      const output = join(home, 'output.json');
      const attacker = await Collector.start(binary, [config('config/local.yaml'), ...overlays.map(config)], {
        SECOTEL_OUTPUT: output,
        SECOTEL_STATE_DIR: join(home, 'state'),
        ...env,
      });
      running.push(attacker);
      for (const payload of edited()) await send(attacker, payload);
      expect(await attacker.stop()).toBe(0);
      return output;
    }

    beforeAll(async () => {
      const started = await start('genuine');
      await send(started.collector, loginFailures(0, 10));
      expect(await started.collector.stop()).toBe(0);
      genuine = started.output;
      rechained = await rechain('rechained', ['e2e/attacker.yaml'], {});
      resigned = await rechain('resigned', ['e2e/collector.yaml'], {
        E2E_CHECKPOINT_KEY: checkpointKeys().seed,
      });
    }, 5 * MINUTES);

    it('holds the edited records in a chain that is consistent', async () => {
      const records = readOutput(rechained);
      expect(records.some((r) => r.body === 'login failed for user3 (edited)')).toBe(true);
      const result = await secotelVerify([rechained]);
      expect(result.stdout).toMatch(/^CONSISTENT: .*consistency only: no key was given/m);
      expect(result.stdout).not.toContain('INTACT');
      expect(result.code).toBe(0);
    });

    it('fails with the key: no record is covered by a verified signature', async () => {
      const result = await secotelVerify([...keyFlag, rechained]);
      const records = readOutput(rechained);
      expect(findings(result.stdout)).toContainEqual(
        expect.stringMatching(
          new RegExp(`^UNATTESTED: stream "service.name=shop" chain \\w+ seq 1-${records.length}: `),
        ),
      );
      expect(findings(result.stdout)).toContainEqual(
        expect.stringMatching(/^UNATTESTED: .*checkpoint is unsigned \(signature_algorithm none\)/),
      );
      expect(result.code).toBe(1);
    });

    it('fails with the key when the editor signed with a key of their own under the same key id', async () => {
      const result = await secotelVerify([...keyFlag, resigned]);
      expect(findings(result.stdout)).toContainEqual(
        expect.stringMatching(/^MODIFIED: .*checkpoint signature does not verify$/),
      );
      expect(findings(result.stdout)).toContainEqual(expect.stringMatching(/^UNATTESTED: .* seq 1-\d+: /));
      expect(result.code).toBe(1);
    });
  });

  describe('a rotated output whose oldest files retention deleted', () => {
    let files: string[];
    let home: string;

    beforeAll(async () => {
      const started = await start('rotated', ['e2e/rotation.yaml']);
      home = started.home;
      // About 5 MB in 1 MB files; one request at a time so no batch line comes near the file size.
      for (let i = 0; i < 40; i++) {
        await send(started.collector, loginFailures(i * 100, 100, 900));
        await new Promise((done) => setTimeout(done, 250));
      }
      expect(await started.collector.stop()).toBe(0);
      const outputs = () => readdirSync(home).filter((name) => /^output.*\.json$/.test(name));
      // The rotating writer deletes old backups in the background after each rotation.
      await waitFor('retention to keep one backup', () => outputs().length === 2, 30_000).catch(
        () => undefined,
      );
      files = outputs()
        .sort((a, b) => (a === 'output.json' ? 1 : b === 'output.json' ? -1 : a.localeCompare(b)))
        .map((name) => join(home, name));
    }, 5 * MINUTES);

    it('rotated and deleted the oldest files: the kept set starts after seq 1', () => {
      expect(files.length).toBeGreaterThanOrEqual(2);
      expect(seqOf(readOutput(files[0] as string)[0] as never)).toBeGreaterThan(1);
    });

    it('verifies the kept set given as a glob, reporting where it was pruned and what attests it', async () => {
      const result = await secotelVerify([...keyFlag, join(home, 'output*.json')]);
      const first = seqOf(readOutput(files[0] as string)[0] as never);
      expect(result.stdout).toMatch(
        new RegExp(
          `^note: stream "service.name=shop" chain \\w+: pruned before seq ${first} .*attested by checkpoint seq \\d+ at .* \\(signature verified\\)$`,
          'm',
        ),
      );
      expect(findings(result.stdout)).toEqual([]);
      expect(result.stdout).toContain('INTACT: ');
      expect(result.code).toBe(0);
    });

    /** Copies the kept set into `name`, with `change` applied to the text of file `index`. */
    const tamperedSet = (name: string, index: number, change: (text: string) => string) => {
      const copy = join(home, name);
      mkdirSync(copy);
      files.forEach((file, i) => {
        const text = readFileSync(file, 'utf8');
        writeFileSync(join(copy, basename(file)), i === index ? change(text) : text);
      });
      return join(copy, 'output*.json');
    };

    it('still names a record modified inside the kept files', async () => {
      const glob = tamperedSet('modified', 0, (text) =>
        text.replace('login failed for user', 'login failed for admin'),
      );
      const result = await secotelVerify([...keyFlag, glob]);
      expect(findings(result.stdout)).toEqual([
        expect.stringMatching(/^MODIFIED: .*content does not match its hash$/),
      ]);
      expect(result.code).toBe(1);
    });

    it('still names records deleted inside the kept files', async () => {
      const glob = tamperedSet('deleted', 0, (text) => {
        const kept = text.split('\n');
        return [...kept.slice(0, 1), ...kept.slice(2)].join('\n');
      });
      const result = await secotelVerify([...keyFlag, glob]);
      expect(findings(result.stdout)).toContainEqual(
        expect.stringMatching(/^DELETED: stream "service.name=shop" chain \w+ seq \d+(-\d+)?: seq/),
      );
      expect(result.code).toBe(1);
    });
  });
});
