// `npm run demo -- --stack --keep` against the real local stack (otel-collector/stack/stack.mjs): the shop and
// the attack simulator run as in the plain demo, but the collector exports to VictoriaLogs and Prometheus
// scrapes its alert counts. While the demo keeps everything running, the simulator's attacks must be in
// VictoriaLogs (LogsQL over its HTTP API) as facts and as security.alert records, the brute-force alert must
// have reached Alertmanager's API, and headless Chromium must find it in VictoriaLogs' web UI, from the link
// the demo printed (screenshot kept). Then Ctrl-C must stop everything and leave nothing behind.
import type { ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  alertmanagerAlerts,
  eventually,
  findInVmui,
  type LogRecord,
  logsql,
} from '../../otel-collector/stack/test/support';
import { CACHE_DIR } from '../../test-support/paths';
import { EXPECTED_ALERTS } from '../demo/expected-alerts.generated.mjs';
import { type DemoRun, printedTable, processesWithMarker, runDemo } from './support';

const ARTIFACTS = resolve(CACHE_DIR, 'artifacts');
/** The simulator's attackers (examples/attack-simulator). */
const BRUTE_FORCE = EXPECTED_ALERTS.brute_force.key;
const SQLMAP = EXPECTED_ALERTS.attack_tool_burst.key;
const TRAVERSAL = EXPECTED_ALERTS.injection_burst.key;

const tools = inject('stackTools');
let child: ChildProcess | undefined;
let finished: Promise<DemoRun> | undefined;
let printed = '';
let links: { vmuiAlert: string; victoriaLogs: string; alertmanager: string; prometheus: string };

/** The address printed after `label:` in the demo's "where to look" list. */
function printedLink(label: string): string {
  const match = new RegExp(`^ {2}${label}:\\s+(\\S+)$`, 'm').exec(printed);
  if (!match?.[1]) throw new Error(`the demo printed no "${label}" line:\n${printed}`);
  return match[1];
}

/** Ctrl-C to the demo (bounded by runDemo's own timeout), once. */
async function stopDemo(): Promise<DemoRun | undefined> {
  if (!finished) return undefined;
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
  return finished;
}

const query = (q: string): Promise<LogRecord[]> => logsql(links.victoriaLogs, q);

beforeAll(async () => {
  if (!tools.binaries) throw new Error('the stack global setup did not run (test-support/stack-setup.ts)');
  let ready: (value: undefined) => void = () => {};
  const keeping = new Promise((done) => {
    ready = done;
  });
  finished = runDemo({
    args: ['--stack', '--keep'],
    timeoutMillis: 600_000, // the spawn's own bound: SIGTERM, and the demo stops everything
    waitFor: 'press Ctrl-C to stop them',
    onSpawn: (demo) => {
      child = demo;
    },
    whenPrinted: (_demo, stdout) => {
      printed = stdout;
      ready(undefined);
    },
  });
  // Either the demo keeps the stack running, or it ended early (and says why).
  const early = await Promise.race([keeping, finished]);
  if (early)
    throw new Error(`the demo ended early:\n${(early as DemoRun).stdout}\n${(early as DemoRun).stderr}`);
  const vmuiAlert = printedLink('the brute-force alert in VictoriaLogs');
  links = {
    vmuiAlert,
    victoriaLogs: new URL(vmuiAlert).origin,
    prometheus: new URL(printedLink('Prometheus alerts')).origin,
    alertmanager: new URL(printedLink('Alertmanager')).origin,
  };
}, 420_000);

afterAll(async () => {
  const run = await stopDemo();
  if (run) rmSync(run.dir, { recursive: true, force: true });
}, 120_000);

describe('npm run demo -- --stack --keep (the local stack: VictoriaLogs, Prometheus, Alertmanager)', () => {
  it('prints the same tables as the plain demo, every attack detected', () => {
    expect(printed).toContain('every attack was detected');
    expect(printed).not.toContain('MISSING');
    expect(printedTable(printed, 'collector alerts by rule').length).toBeGreaterThanOrEqual(8);
  });

  it("holds the simulator's attacks as facts in VictoriaLogs", async () => {
    const failures = await eventually('the brute force login failures', 60_000, async () => {
      const found = await query(`{event_name="security.authn_login_fail"} client.address:=${BRUTE_FORCE}`);
      return found.length >= 10 ? found : undefined;
    });
    expect(new Set(failures.map((r) => r['service.name']))).toEqual(new Set(['shop']));
    const facts = async (kind: string, source: string) =>
      query(
        `{event_name="security.input_validation_fail"} security.attack.kind:=${kind} client.address:=${source}`,
      );
    expect((await facts('sqli', SQLMAP)).length).toBeGreaterThanOrEqual(10);
    expect((await facts('path_traversal', TRAVERSAL)).length).toBeGreaterThanOrEqual(5);
    // As many alert records as the demo printed from the collector's file output: one source, two sinks.
    const total = /collector alerts by rule \((\d+) security\.alert records\)/.exec(printed)?.[1];
    expect((await query('{event_name="security.alert"}')).length).toBe(Number(total));
  });

  it('holds the security.alert records of each attack in VictoriaLogs', async () => {
    // Every expected alert keyed by a source address (success_after_failures is keyed by the account).
    const expected = Object.entries(EXPECTED_ALERTS)
      .filter(([, { key }]) => isIP(key) !== 0)
      .map(([rule, { key }]) => [rule, key]);
    for (const [rule, source] of expected) {
      const alerts = await eventually(`the ${rule} alert for ${source}`, 30_000, async () => {
        const found = await query(
          `{event_name="security.alert"} security_rule.name:=${rule} client.address:=${source}`,
        );
        return found.length > 0 ? found : undefined;
      });
      expect(alerts[0]).toMatchObject({ 'security.category': 'alert', 'security_rule.name': rule });
      expect(alerts[0]?._msg).toMatch(new RegExp(`^${rule}: `));
    }
  });

  it('raises SecotelBruteForce, which reaches Alertmanager, and the scanning alert', async () => {
    const alerts = await eventually(
      'SecotelBruteForce and SecotelScanning in Alertmanager',
      90_000,
      async () => {
        const found = await alertmanagerAlerts(links.alertmanager);
        const names = found.map((a) => a.labels.alertname);
        return names.includes('SecotelBruteForce') && names.includes('SecotelScanning') ? found : undefined;
      },
    );
    const bruteForce = alerts.find((a) => a.labels.alertname === 'SecotelBruteForce');
    expect(bruteForce?.labels).toMatchObject({
      rule: 'brute_force',
      severity: 'warning',
      job: 'otelcol-secotel',
    });
    expect(bruteForce?.status.state).toBe('active');
  }, 120_000);

  it("shows the demo's brute-force alert in VictoriaLogs' web UI from the printed link (headless Chromium)", async () => {
    const rows = await findInVmui({
      executablePath: tools.binaries?.chromium ?? '/usr/bin/chromium',
      vmui: links.vmuiAlert,
      query: '{event_name="security.alert"} security_rule.name:=brute_force',
      rowText: `brute_force: 10 records for client.address=${BRUTE_FORCE}`,
      rowPattern: /^brute_force: \d+ records for /,
      // The link opens the UI on the last hour (its own default is the last 5 minutes).
      shown: ['Last 1 hour', 'security_rule.name', 'security.alert.count', `client.address=${BRUTE_FORCE}`],
      screenshot: resolve(ARTIFACTS, 'vmui-demo-brute-force.png'),
      failureScreenshot: resolve(ARTIFACTS, 'vmui-demo-brute-force-failure.png'),
    });
    // One per attacking source: the brute force, and the stuffing and spraying sources' many failures.
    expect(rows).toBe(3);
  }, 180_000);

  it('stops everything on Ctrl-C and leaves no process and no stack data behind', async () => {
    const run = await stopDemo();
    expect(run?.stdout).toContain('demo: stopping');
    expect(run?.code).toBe(0);
    expect(processesWithMarker(run?.marker ?? '')).toEqual([]);
    expect(existsSync(join(run?.dir ?? '', 'stack'))).toBe(false);
    await expect(fetch(links.victoriaLogs, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
  }, 120_000);
});
