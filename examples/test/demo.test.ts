// The README's first command, end to end: `npm run demo` runs the real collector (otelcol-secotel), the shop with
// `--import @secotel/node/register` and the attack simulator over loopback, then prints what the collector
// wrote. These tests run the demo script itself (as `npm run demo` does after its `predemo` build) and check
// its printed tables against the collector's output file, its exit code, and that it leaves no process behind,
// also when it fails or is interrupted.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OutputRecord, readOutput } from '../../otel-collector/e2e/support/output';
import { EXPECTED_ALERTS } from '../demo/expected-alerts.generated.mjs';
import { USERS } from '../shop/src/seed-data.mjs';
import { COLLECTOR, type DemoRun, printedTable, processesWithMarker, runDemo } from './support';

const runs: DemoRun[] = [];

beforeAll(() => {
  if (!existsSync(COLLECTOR))
    throw new Error(
      `the collector binary ${COLLECTOR} is missing: build it with \`bash otel-collector/scripts/build-collector.sh\` (npm test does this in its pretest step)`,
    );
});

afterAll(() => {
  for (const run of runs) rmSync(run.dir, { recursive: true, force: true });
});

describe('npm run demo', () => {
  let run: DemoRun;
  let records: OutputRecord[];

  beforeAll(async () => {
    run = await runDemo();
    runs.push(run);
    const output = join(run.dir, 'output.jsonl');
    records = existsSync(output) ? readOutput(output) : [];
  }, 300_000);

  it('exits 0 after every attack was detected, and leaves no process behind', () => {
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('every attack was detected');
    expect(run.stdout).not.toContain('MISSING');
    expect(run.stdout).not.toContain('PROBLEM');
    expect(run.code).toBe(0);
    expect(processesWithMarker(run.marker)).toEqual([]);
  });

  it('prints the alerts by rule, each keyed by the source that ran the attack, as the collector wrote them', () => {
    const alerts = new Map(printedTable(run.stdout, 'collector alerts by rule').map((row) => [row[0], row]));
    for (const [rule, { key }] of Object.entries(EXPECTED_ALERTS)) {
      const row = alerts.get(rule);
      expect(row, `printed alert row for ${rule}`).toBeDefined();
      expect(row?.[3]).toContain(key);
      const written = records.filter(
        (r) =>
          r.eventName === 'security.alert' &&
          r.attributes['security_rule.name'] === rule &&
          (r.attributes['client.address'] === key || r.attributes['user.name'] === key),
      );
      expect(written.length, `security.alert ${rule} for ${key} in the output file`).toBeGreaterThan(0);
      const all = records.filter(
        (r) => r.eventName === 'security.alert' && r.attributes['security_rule.name'] === rule,
      );
      expect(Number(row?.[1])).toBe(all.length);
    }
    // Ordinary visitors cause no alert.
    const alertKeys = records
      .filter((r) => r.eventName === 'security.alert')
      .map((r) => r.attributes['client.address']);
    expect(alertKeys.filter((address) => String(address).startsWith('192.0.2.'))).toEqual([]);
  });

  it('prints the injection and traversal facts of the database and HTTP layers', () => {
    const attacks = new Map(printedTable(run.stdout, 'attack inputs by kind').map((row) => [row[0], row]));
    expect(attacks.get('sqli')?.[2]).toBe('/search');
    expect(attacks.get('sqli')?.[3]).toBe('198.51.100.66');
    expect(attacks.get('path_traversal')?.[3]).toBe('203.0.113.45');
    expect(attacks.get('attack tool sqlmap')?.[3]).toBe('198.51.100.66');
    const facts = (kind: string) =>
      records.filter(
        (r) =>
          r.eventName === 'security.input_validation_fail' && r.attributes['security.attack.kind'] === kind,
      );
    expect(Number(attacks.get('sqli')?.[1])).toBe(facts('sqli').length);
    expect(facts('sqli').length).toBeGreaterThanOrEqual(10); // 11 of the 12 probes change the query; one is benign
    expect(facts('path_traversal').length).toBeGreaterThanOrEqual(5);
    // The admin's GRANT, seen by the database layer, and the UNION that read the sensitive cards table.
    const events = new Map(printedTable(run.stdout, 'security events by name').map((row) => [row[0], row]));
    const from = (event: string, address: string) =>
      records.filter((r) => r.eventName === event && r.attributes['client.address'] === address);
    expect(events.get('security.privilege_permissions_changed')?.[2]).toContain('192.0.2.5');
    expect(
      from('security.privilege_permissions_changed', '192.0.2.5')[0]?.attributes['db.operation.name'],
    ).toBe('GRANT');
    expect(Number(events.get('security.sensitive_read')?.[1])).toBe(
      records.filter((r) => r.eventName === 'security.sensitive_read').length,
    );
    expect(from('security.sensitive_read', '198.51.100.66').length).toBeGreaterThan(0);
  });

  it('sends no password the simulator typed to the collector', () => {
    const output = readFileSync(join(run.dir, 'output.jsonl'), 'utf8');
    expect(records.filter((r) => r.eventName === 'security.authn_login_fail').length).toBeGreaterThan(60);
    for (const { password } of USERS) expect(output).not.toContain(password);
  });
});

describe('npm run demo when something goes wrong', () => {
  it('stops the collector and says why when the shop cannot start', async () => {
    // A database that is not there: the shop exits during start-up.
    const run = await runDemo({
      env: { DATABASE_URL: 'postgres://demo@127.0.0.1:9/none' },
      timeoutMillis: 120_000,
    });
    runs.push(run);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /demo: the shop exited before its "listening" line; its log \(.*shop\.log\) ends with/,
    );
    expect(processesWithMarker(run.marker)).toEqual([]);
  }, 150_000);

  it('stops the collector and the shop on SIGINT and ends with 130', async () => {
    const run = await runDemo({
      waitFor: 'running the attack simulator',
      whenPrinted: (child) => child.kill('SIGINT'),
    });
    runs.push(run);
    expect(run.stdout).toContain('SIGINT: stopping the shop and the collector');
    expect(run.code).toBe(130);
    expect(processesWithMarker(run.marker)).toEqual([]);
  }, 300_000);
});
