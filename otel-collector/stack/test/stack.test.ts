// End to end through the real local stack (stack.mjs): a login app registered with the SDK takes a scripted
// brute force over HTTP; otelcol-secotel turns it into a security.alert and exports everything to VictoriaLogs,
// whose HTTP API must hold the login failures and the alert with their attributes; Prometheus scrapes the
// processor's alert counter and its rule must reach Alertmanager's API; headless Chromium (playwright-core)
// must find the alert through VictoriaLogs' web UI, and keeps a screenshot. Finally the stack stops and must
// leave no process, port or data behind. Real processes, loopback only.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CACHE_DIR, NODE_BINARY } from '../../../test-support/paths';
import { type Stack, startStack } from '../stack.mjs';

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
let app: ChildProcess | undefined;
const statuses: number[] = [];

type LogRecord = Record<string, string>;

/** Runs a LogsQL query against VictoriaLogs' HTTP API; the answer is one JSON object per line. */
async function logsql(query: string): Promise<LogRecord[]> {
  if (!stack) throw new Error('no stack');
  const response = await fetch(`${stack.endpoints.victoriaLogs}/select/logsql/query`, {
    method: 'POST',
    body: new URLSearchParams({ query }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`LogsQL ${query}: HTTP ${response.status} ${text}`);
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LogRecord);
}

/** Retries `probe` until it returns a value (not undefined), within `timeoutMillis`. */
async function eventually<T>(
  what: string,
  timeoutMillis: number,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMillis;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((done) => setTimeout(done, 500));
  }
  throw new Error(`${what}: not within ${timeoutMillis} ms${lastError ? ` (last error: ${lastError})` : ''}`);
}

/** Starts the login app with the SDK registered, exporting to the stack; resolves with its port. */
function startApp(otlpEndpoint: string): Promise<number> {
  const child = spawn(NODE_BINARY, ['--import', '@secotel/node/register', 'login-app.mjs'], {
    cwd: FIXTURES,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      OTEL_SERVICE_NAME: 'shop',
      OTEL_EXPORTER_OTLP_ENDPOINT: otlpEndpoint,
      OTEL_BLRP_SCHEDULE_DELAY: '100',
      // The app sits behind a (simulated) proxy on loopback: X-Forwarded-For names the client.
      SECOTEL_TRUST_PROXY: 'loopback',
    },
  });
  app = child;
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the app did not start:\n${stderr}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(String(chunk));
      if (match) {
        clearTimeout(timer);
        done(Number(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the app exited (${code}):\n${stderr}`));
    });
  });
}

/** SIGTERM; the SDK flushes what it holds before the process ends. Bounded. */
async function stopApp(): Promise<void> {
  const child = app;
  app = undefined;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
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
  const port = await startApp(stack.endpoints.otlpHttp);
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
    const successes = await logsql(`{event_name="security.authn_login_success"} client.address:=${VISITOR}`);
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
    type AmAlert = { labels: Record<string, string>; status: { state: string } };
    const alerts = await eventually('SecotelBruteForce in Alertmanager', 90_000, async () => {
      const response = await fetch(`${alertmanager}/api/v2/alerts`, { signal: AbortSignal.timeout(5_000) });
      const found = (await response.json()) as AmAlert[];
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
    const executablePath = tools.binaries?.chromium ?? '/usr/bin/chromium';
    mkdirSync(ARTIFACTS, { recursive: true });
    rmSync(SCREENSHOT, { force: true });
    rmSync(FAILURE_SCREENSHOT, { force: true });
    const browser = await chromium.launch({ executablePath, timeout: 60_000 });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(stack.endpoints.vmui, { timeout: 60_000 });
      // The UI runs a first query (`*`) when it opens, and a slow machine can start it late, cancelling ours:
      // type and execute again (bounded) until our query's result is shown.
      await page.waitForLoadState('networkidle', { timeout: 60_000 });
      const queryBox = page.locator('textarea.vm-text-field__input').first();
      const row = page.getByText(`brute_force: 10 records for client.address=${ATTACKER}`).first();
      for (let attempt = 1; ; attempt++) {
        await queryBox.fill(ALERT_QUERY);
        await page.getByRole('button', { name: 'Execute' }).click();
        try {
          await row.waitFor({ timeout: 10_000 });
          break;
        } catch (error) {
          if (attempt === 5) throw error;
        }
      }
      expect(await page.getByText(/^brute_force: \d+ records for /).count()).toBe(1); // one alert, nothing else
      // Open the record and narrow its fields to the security ones (rule, key, count, evidence, ...). The
      // list re-renders when the UI's other queries (hits, stream fields) answer, which can close a record
      // opened before: retry the whole step (bounded).
      const fieldSearch = page.getByPlaceholder('Search fields or values');
      for (let attempt = 1; ; attempt++) {
        try {
          if (!(await fieldSearch.isVisible())) await row.click();
          await fieldSearch.fill('security', { timeout: 5_000 });
          await page.getByText('security.alert.key').first().waitFor({ timeout: 5_000 });
          await page.waitForTimeout(1_000); // still open a moment later: the list has settled
          if (await page.getByText('security.alert.key').first().isVisible()) break;
          if (attempt === 6) throw new Error('the opened record closed again six times');
        } catch (error) {
          if (attempt === 6) throw error;
        }
      }
      const shown = await page.locator('body').innerText();
      for (const text of ['security_rule.name', 'security.alert.count', `client.address=${ATTACKER}`]) {
        expect(shown).toContain(text);
      }
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
    } catch (error) {
      // What the browser showed when it failed, for the report.
      const page = browser.contexts()[0]?.pages()[0];
      await page?.screenshot({ path: FAILURE_SCREENSHOT, fullPage: true });
      throw error;
    } finally {
      await browser.close();
    }
    expect(readFileSync(SCREENSHOT).subarray(1, 4).toString()).toBe('PNG');
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
