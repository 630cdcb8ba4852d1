// What the tests against the local stack share: LogsQL over VictoriaLogs' HTTP API, Alertmanager's alerts,
// bounded retries, and headless Chromium (playwright-core) finding an alert in VictoriaLogs' web UI.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromium } from 'playwright-core';
import { expect } from 'vitest';

export type LogRecord = Record<string, string>;
export type AmAlert = { labels: Record<string, string>; status: { state: string } };

/** Runs a LogsQL query against VictoriaLogs' HTTP API; the answer is one JSON object per line. */
export async function logsql(victoriaLogs: string, query: string): Promise<LogRecord[]> {
  const response = await fetch(`${victoriaLogs}/select/logsql/query`, {
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

/** Alertmanager's current alerts (/api/v2/alerts). */
export async function alertmanagerAlerts(alertmanager: string): Promise<AmAlert[]> {
  const response = await fetch(`${alertmanager}/api/v2/alerts`, { signal: AbortSignal.timeout(5_000) });
  return (await response.json()) as AmAlert[];
}

/** Retries `probe` until it returns a value (not undefined), within `timeoutMillis`. */
export async function eventually<T>(
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

/**
 * Opens VictoriaLogs' web UI in headless Chromium, runs `query`, waits for the row whose text starts with
 * `rowText`, opens it, narrows its fields to `security` and expects `shown` on the page; saves a screenshot to
 * `screenshot` (or, when it fails, what the browser showed to `failureScreenshot`). Returns the number of rows
 * that match `rowPattern`. All waits are bounded.
 */
export async function findInVmui(o: {
  executablePath: string;
  vmui: string;
  query: string;
  rowText: string;
  rowPattern: RegExp;
  shown: string[];
  screenshot: string;
  failureScreenshot: string;
}): Promise<number> {
  mkdirSync(dirname(o.screenshot), { recursive: true });
  rmSync(o.screenshot, { force: true });
  rmSync(o.failureScreenshot, { force: true });
  const browser = await chromium.launch({ executablePath: o.executablePath, timeout: 60_000 });
  let rows: number;
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(o.vmui, { timeout: 60_000 });
    // The UI runs a first query (`*`) when it opens, and a slow machine can start it late, cancelling ours:
    // type and execute again (bounded) until our query's result is shown.
    await page.waitForLoadState('networkidle', { timeout: 60_000 });
    const queryBox = page.locator('textarea.vm-text-field__input').first();
    const row = page.getByText(o.rowText).first();
    for (let attempt = 1; ; attempt++) {
      await queryBox.fill(o.query);
      await page.getByRole('button', { name: 'Execute' }).click();
      try {
        await row.waitFor({ timeout: 10_000 });
        break;
      } catch (error) {
        if (attempt === 5) throw error;
      }
    }
    rows = await page.getByText(o.rowPattern).count();
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
    const text = await page.locator('body').innerText();
    for (const expected of o.shown) expect(text).toContain(expected);
    await page.screenshot({ path: o.screenshot, fullPage: true });
  } catch (error) {
    // What the browser showed when it failed, for the report.
    const page = browser.contexts()[0]?.pages()[0];
    await page?.screenshot({ path: o.failureScreenshot, fullPage: true });
    throw error;
  } finally {
    await browser.close();
  }
  expect(readFileSync(o.screenshot).subarray(1, 4).toString()).toBe('PNG');
  return rows;
}
