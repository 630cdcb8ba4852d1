// End to end through the real local stack (stack.mjs): a login app registered with the SDK takes a scripted
// brute force over HTTP; otelcol-secotel turns it into a security.alert and exports everything to VictoriaLogs,
// whose HTTP API must hold the login failures and the alert with their attributes; Prometheus scrapes the
// processor's alert counter and its rule must reach Alertmanager's API; headless Chromium (playwright-core)
// must find the alert through VictoriaLogs' web UI, and keeps a screenshot. Finally the stack stops and must
// leave no process, port or data behind. Real processes, loopback only.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AppProcess } from '../../../test-support/app-process';
import { CACHE_DIR } from '../../../test-support/paths';
import { type Stack, startStack } from '../stack.mjs';
import { alertmanagerAlerts, eventually, findInVmui, logsql as queryLogs } from './support';

const FIXTURES = resolve(__dirname, 'fixtures');
const ARTIFACTS = resolve(CACHE_DIR, 'artifacts');
const SCREENSHOT = resolve(ARTIFACTS, 'vmui-brute-force.png');
const FAILURE_SCREENSHOT = resolve(ARTIFACTS, 'vmui-brute-force-failure.png');
const ATTACKER = '203.0.113.66';
const VISITOR = '198.51.100.7';
const ATTEMPTS = 12; // brute_force fires at the 10th failure from one source within 5 minutes
const ALERT_QUERY = '{event_name="security.alert"} security_rule.name:=brute_force';

const tools = inject('stackTools');
let stack: Stack | undefined;
let app: AppProcess | undefined;
const statuses: number[] = [];

const logsql = (query: string) => {
  if (!stack) throw new Error('no stack');
  return queryLogs(stack.endpoints.victoriaLogs, query);
};

/** Starts the login app with the SDK registered, exporting to the stack. */
async function startApp(otlpEndpoint: string): Promise<AppProcess> {
  app = await AppProcess.start(['--import', '@secotel/node/register', 'login-app.mjs'], FIXTURES, {
    OTEL_SERVICE_NAME: 'shop',
    OTEL_EXPORTER_OTLP_ENDPOINT: otlpEndpoint,
    OTEL_BLRP_SCHEDULE_DELAY: '100',
    // The app sits behind a (simulated) proxy on loopback: X-Forwarded-For names the client.
    SECOTEL_TRUST_PROXY: 'loopback',
  });
  return app;
}

/** SIGTERM; the SDK flushes what it holds before the process ends. Bounded. */
async function stopApp(): Promise<void> {
  const running = app;
  app = undefined;
  await running?.stop();
}

async function login(port: number, source: string, name: string, password: string): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': source },
    body: JSON.stringify({ login: name, password }),
    signal: AbortSignal.timeout(10_000),
  });
  await response.arrayBuffer();
  return response.status;
}

beforeAll(async () => {
  if (!tools.binaries) throw new Error('the stack global setup did not run (test-support/stack-setup.ts)');
  stack = await startStack({
    binaries: tools.binaries,
    collectorBinary: tools.collectorBinary,
    scrapeInterval: '1s',
    evaluationInterval: '1s',
  });
  const { port } = await startApp(stack.endpoints.otlpHttp);
  // One ordinary visitor, then a brute force against alice from one source.
  statuses.push(await login(port, VISITOR, 'bob', 'bob-pw'));
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    statuses.push(await login(port, ATTACKER, 'alice', `guess-${attempt}`));
  }
  await stopApp();
}, 180_000);

afterAll(async () => {
  await stopApp();
  await stack?.stop();
}, 60_000);

describe('the local stack (otelcol-secotel, VictoriaLogs, Prometheus, Alertmanager)', () => {
  it('served the scripted logins', () => {
    expect(statuses).toEqual([200, ...Array(ATTEMPTS).fill(401)]);
  });

  it('stores every login failure in VictoriaLogs with its attributes, and no password', async () => {
    const failures = await eventually('12 login failures in VictoriaLogs', 60_000, async () => {
      const found = await logsql(`{event_name="security.authn_login_fail"} client.address:=${ATTACKER}`);
      return found.length >= ATTEMPTS ? found : undefined;
    });
    expect(failures).toHaveLength(ATTEMPTS);
    for (const record of failures) {
      expect(record).toMatchObject({
        event_name: 'security.authn_login_fail',
        'service.name': 'shop',
        'client.address': ATTACKER,
        'user.name': 'alice',
        'security.outcome': 'failure',
        'security.reason': 'bad_password',
        'security.user.exists': 'true',
        'http.request.method': 'POST',
        'url.path': '/login',
        severity_text: 'WARN',
      });
      expect(record._msg).toBe(`login failed for alice from ${ATTACKER}: bad_password`);
      expect(record['security.integrity.hash']).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(record)).not.toContain('guess-');
    }
    // Waited for as the failures are: it may travel in an earlier request, which the collector may have retried.
    const successes = await eventually("bob's login success in VictoriaLogs", 60_000, async () => {
      const found = await logsql(`{event_name="security.authn_login_success"} client.address:=${VISITOR}`);
      return found.length > 0 ? found : undefined;
    });
    expect(successes.map((r) => r['user.name'])).toEqual(['bob']);
  });

  it('stores the brute-force security.alert in VictoriaLogs with its attributes', async () => {
    const alerts = await eventually('the brute_force alert in VictoriaLogs', 60_000, async () => {
      const found = await logsql(ALERT_QUERY);
      return found.length > 0 ? found : undefined;
    });
    expect(alerts).toHaveLength(1); // one per rule and source: the two later firings are suppressed
    const [alert] = alerts;
    expect(alert).toMatchObject({
      event_name: 'security.alert',
      severity_text: 'WARN',
      'security.category': 'alert',
      'security_rule.name': 'brute_force',
      'security_rule.category': 'authentication',
      'security.alert.type': 'event_count',
      'security.alert.key': `client.address=${ATTACKER}`,
      'security.alert.count': '10',
      'security.alert.window': '300',
      'client.address': ATTACKER,
    });
    expect(alert?._msg).toMatch(
      new RegExp(`^brute_force: 10 records for client\\.address=${ATTACKER} within 300s`),
    );
    expect(alert?.['security_rule.uuid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(alert?.['security.alert.evidence']).toContain(`login failed for alice from ${ATTACKER}`);
    // Nothing fired for the visitor.
    expect(await logsql(`{event_name="security.alert"} client.address:=${VISITOR}`)).toEqual([]);
  });

  it('raises SecotelBruteForce in Prometheus and it reaches Alertmanager, alone', async () => {
    if (!stack) throw new Error('no stack');
    const { alertmanager } = stack.endpoints;
    const alerts = await eventually('SecotelBruteForce in Alertmanager', 90_000, async () => {
      const found = await alertmanagerAlerts(alertmanager);
      return found.some((a) => a.labels.alertname === 'SecotelBruteForce') ? found : undefined;
    });
    const bruteForce = alerts.find((a) => a.labels.alertname === 'SecotelBruteForce');
    expect(bruteForce?.labels).toMatchObject({
      rule: 'brute_force',
      severity: 'warning',
      category: 'authentication',
      job: 'otelcol-secotel',
    });
    expect(bruteForce?.status.state).toBe('active');
    expect(alerts.map((a) => a.labels.alertname)).toEqual(['SecotelBruteForce']);
  }, 120_000);

  it('shows the alert in the VictoriaLogs web UI (headless Chromium), and keeps a screenshot', async () => {
    if (!stack) throw new Error('no stack');
    const rows = await findInVmui({
      executablePath: tools.binaries?.chromium ?? '/usr/bin/chromium',
      vmui: stack.endpoints.vmui,
      query: ALERT_QUERY,
      rowText: `brute_force: 10 records for client.address=${ATTACKER}`,
      rowPattern: /^brute_force: \d+ records for /,
      shown: ['security_rule.name', 'security.alert.count', `client.address=${ATTACKER}`],
      screenshot: SCREENSHOT,
      failureScreenshot: FAILURE_SCREENSHOT,
    });
    expect(rows).toBe(1); // one alert, nothing else
  }, 180_000);

  it('stops and leaves no process, port or data behind', async () => {
    if (!stack) throw new Error('no stack');
    const { pids, dir, endpoints } = stack;
    await stack.stop();
    stack = undefined;
    for (const [name, pid] of Object.entries(pids)) {
      expect(existsSync(`/proc/${pid}`), `${name} (pid ${pid}) still runs`).toBe(false);
    }
    expect(existsSync(dir)).toBe(false);
    for (const url of [
      endpoints.victoriaLogs,
      endpoints.prometheus,
      endpoints.alertmanager,
      endpoints.collectorHealth,
    ]) {
      await expect(fetch(url, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
    }
  }, 90_000);
});
