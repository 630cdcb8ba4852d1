// Checks otel-collector/grafana/ with real parsers: every LogQL expression of the dashboards and
// the rules goes through Loki's own parser and ruler loader (the Go module in ../logqlcheck, built
// against github.com/grafana/loki/v3), and the dashboards are validated against JSON Schemas made
// from Grafana's published schema types (@grafana/schema). Each check is also run on a fixture
// that is broken on purpose, so a checker that accepts everything fails here.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CACHE_DIR, REPO_ROOT } from '../../../test-support/paths';
import { createDashboardValidator, type DashboardValidator, panelsOf } from './grafana-schema';

const run = promisify(execFile);
const GRAFANA_DIR = resolve(REPO_ROOT, 'otel-collector/grafana');
const CHECKER_DIR = resolve(GRAFANA_DIR, 'logqlcheck');
const CHECKER = resolve(CACHE_DIR, 'logqlcheck');
const FIXTURES = resolve(GRAFANA_DIR, 'test/fixtures');
const COLLECTOR = resolve(REPO_ROOT, 'otel-collector/.build/otelcol-secotel/otelcol-secotel');
// The checker links a large part of Loki: a cold build takes minutes on two cores (cached after).
const GO_BUILD_TIMEOUT = 20 * 60_000;
const GO_ENV = { ...process.env, GOTOOLCHAIN: 'local' };

const dashboardFiles = readdirSync(resolve(GRAFANA_DIR, 'dashboards'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => resolve(GRAFANA_DIR, 'dashboards', f));
const rulesFile = resolve(GRAFANA_DIR, 'rules/secotel.yaml');

// biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax, not a template literal
const DATASOURCE = { type: 'loki', uid: '${datasource}' };
// biome-ignore lint/suspicious/noTemplateCurlyInString: the collector's env syntax, not a template literal
const LOKI_ENDPOINT = '${env:SECOTEL_LOKI_ENDPOINT:-http://127.0.0.1:3100/otlp}';

const readJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(file, 'utf8'));
const readYaml = (file: string): Record<string, unknown> => parse(readFileSync(file, 'utf8'));

interface CheckResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function check(...files: string[]): Promise<CheckResult> {
  try {
    const { stdout, stderr } = await run(CHECKER, files);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw error;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('LogQL expressions, parsed by Loki (logqlcheck)', () => {
  beforeAll(async () => {
    await run('go', ['build', '-o', CHECKER, '.'], {
      cwd: CHECKER_DIR,
      env: GO_ENV,
      timeout: GO_BUILD_TIMEOUT,
    });
  }, GO_BUILD_TIMEOUT);

  it(
    'the checker module passes go vet and its own tests',
    async () => {
      await run('go', ['vet', './...'], { cwd: CHECKER_DIR, env: GO_ENV, timeout: GO_BUILD_TIMEOUT });
      const { stdout } = await run('go', ['test', '-count=1', './...'], {
        cwd: CHECKER_DIR,
        env: GO_ENV,
        timeout: GO_BUILD_TIMEOUT,
      });
      expect(stdout).toMatch(/^ok\s+github\.com\/secotel\/secotel\/otel-collector\/grafana\/logqlcheck/m);
    },
    GO_BUILD_TIMEOUT,
  );

  it('accepts every expression of the shipped dashboards and rules', async () => {
    expect(dashboardFiles.length).toBeGreaterThanOrEqual(2);
    const result = await check(...dashboardFiles, rulesFile);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(0);
    const [, count] = /logqlcheck: (\d+) expressions in (\d+) files, 0 problems/.exec(result.stderr) ?? [];
    // Every target and every rule is counted: the checker saw all of them.
    const targets = dashboardFiles
      .flatMap((f) => panelsOf(readJson(f)))
      .flatMap((p) => (Array.isArray(p.targets) ? p.targets : []));
    const rules = (readYaml(rulesFile).groups as { rules: unknown[] }[]).flatMap((g) => g.rules);
    expect(Number(count)).toBe(targets.length + rules.length);
  });

  it('rejects a broken expression and names the file, panel and target', async () => {
    const file = resolve(FIXTURES, 'broken-dashboard.json');
    const result = await check(file);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${file}: panel "broken LogQL" (id 1) target A: parse error`);
    expect(result.stdout).toContain(
      `${file}: panel "misspelt key" (id 3) target A: unknown dashboard variable(s) $servce`,
    );
    expect(result.stdout).not.toContain('bad legend placement');
    expect(result.stderr).toContain('3 expressions in 1 files, 2 problems');
  });

  it('rejects broken rules the way the Loki ruler does', async () => {
    const broken = resolve(FIXTURES, 'broken-rules.yaml');
    const unknown = resolve(FIXTURES, 'unknown-field-rules.yaml');
    const result = await check(broken, unknown);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("could not parse expression for alert 'BrokenLogQL' in group 'broken'");
    expect(result.stdout).toContain(`${broken}: group "broken" rule "LogQueryAsAlert": not a metric query`);
    expect(result.stdout).toContain(`${unknown}: rules:`);
    expect(result.stdout).toContain('field severity not found');
  });

  it('refuses files it cannot check', async () => {
    const result = await check(resolve(GRAFANA_DIR, 'README.md'));
    expect(result.code).toBe(2);
  });
});

describe("dashboards against Grafana's schema (@grafana/schema)", () => {
  let validator: DashboardValidator;
  beforeAll(() => {
    validator = createDashboardValidator();
  }, 180_000);

  it.each(dashboardFiles)('%s is valid', (file) => {
    expect(validator.validate(readJson(file))).toEqual([]);
  });

  it('rejects a misspelt panel key and an option outside its allowed values', () => {
    const problems = validator.validate(readJson(resolve(FIXTURES, 'broken-dashboard.json')));
    expect(problems).toContainEqual({
      where: 'dashboard /panels/2',
      message: 'must NOT have additional properties: gridPoz',
    });
    expect(problems).toContainEqual(
      expect.objectContaining({
        where: 'panel "bad legend placement" (id 2) options /legend/placement',
        message: expect.stringContaining('must be equal to one of the allowed values'),
      }),
    );
    expect(problems.some((p) => p.where.includes('"broken LogQL"'))).toBe(false);
  });

  it('rejects a dashboard whose schemaVersion is not a number', () => {
    const dashboard = { ...readJson(dashboardFiles[0] as string), schemaVersion: '42' };
    expect(validator.validate(dashboard)).toContainEqual({
      where: 'dashboard /schemaVersion',
      message: 'must be number',
    });
  });
});

describe('dashboard conventions', () => {
  it.each(dashboardFiles)('%s uses the Loki datasource variable everywhere', (file) => {
    const dashboard = readJson(file);
    expect(dashboard.schemaVersion).toBeLessThanOrEqual(42);
    const variables = (dashboard.templating as { list: Record<string, unknown>[] }).list;
    const datasource = variables.find((v) => v.name === 'datasource');
    expect(datasource).toMatchObject({
      type: 'datasource',
      query: 'loki',
      current: { value: 'secotel-loki' },
    });
    const ids = new Set<unknown>();
    for (const panel of panelsOf(dashboard)) {
      expect(ids.has(panel.id), `duplicate panel id ${panel.id}`).toBe(false);
      ids.add(panel.id);
      const pos = panel.gridPos as { x: number; w: number };
      expect(pos.x + pos.w, `panel ${panel.title} is wider than the grid`).toBeLessThanOrEqual(24);
      if (panel.type === 'row') continue;
      expect(panel.datasource, String(panel.title)).toEqual(DATASOURCE);
      const targets = panel.targets as Record<string, unknown>[];
      expect(targets.length, String(panel.title)).toBeGreaterThan(0);
      for (const target of targets) {
        expect(target.datasource, String(panel.title)).toEqual(DATASOURCE);
        expect(typeof target.expr).toBe('string');
      }
    }
  });

  it('dashboard uids are unique', () => {
    const uids = dashboardFiles.map((f) => readJson(f).uid);
    expect(new Set(uids).size).toBe(uids.length);
  });
});

describe('provisioning', () => {
  it('provisions the Loki datasource the dashboards default to', () => {
    const file = readYaml(resolve(GRAFANA_DIR, 'provisioning/datasources/loki.yaml'));
    expect(file.apiVersion).toBe(1);
    expect(file.datasources).toEqual([
      expect.objectContaining({
        type: 'loki',
        uid: 'secotel-loki',
        access: 'proxy',
        url: 'http://127.0.0.1:3100',
      }),
    ]);
  });

  it('provisions the dashboards folder from files', () => {
    const file = readYaml(resolve(GRAFANA_DIR, 'provisioning/dashboards/secotel.yaml'));
    expect(file.apiVersion).toBe(1);
    expect(file.providers).toEqual([
      expect.objectContaining({
        type: 'file',
        folder: 'secotel',
        options: expect.objectContaining({ path: expect.any(String) }),
      }),
    ]);
  });
});

describe('collector config for Loki (otel-collector/config/loki.yaml)', () => {
  const lokiConfig = resolve(REPO_ROOT, 'otel-collector/config/loki.yaml');

  it("keeps local.yaml's pipeline and exports to Loki's OTLP endpoint on loopback by default", () => {
    const config = readYaml(lokiConfig) as {
      exporters: Record<string, { endpoint?: string }>;
      service: {
        pipelines: Record<string, { receivers: string[]; processors: string[]; exporters: string[] }>;
      };
    };
    const local = readYaml(resolve(REPO_ROOT, 'otel-collector/config/local.yaml')) as typeof config;
    const logs = config.service.pipelines.logs;
    expect(logs?.receivers).toEqual(local.service.pipelines.logs?.receivers);
    expect(logs?.processors).toEqual(local.service.pipelines.logs?.processors);
    // The file gets the chained records as they are; the Loki branch starts after the security processor.
    expect(logs?.exporters).toEqual(['file', 'forward/loki']);
    expect(config.service.pipelines['logs/loki']).toEqual({
      receivers: ['forward/loki'],
      processors: ['transform/event_name'],
      exporters: ['otlphttp/loki'],
    });
    expect(config.exporters['otlphttp/loki']?.endpoint).toBe(LOKI_ENDPOINT);
  });

  it('copies the EventName into the attribute event_name on the Loki branch', () => {
    const config = readYaml(lokiConfig) as {
      processors: Record<string, { log_statements?: string[] }>;
    };
    expect(config.processors['transform/event_name']?.log_statements).toEqual([
      'set(log.attributes["event_name"], log.event_name) where log.event_name != ""',
    ]);
  });

  it.skipIf(!existsSync(COLLECTOR))('is accepted by otelcol-secotel validate', async () => {
    await run(COLLECTOR, ['validate', '--config', lokiConfig], { timeout: 60_000 });
    // ...and the same validation rejects a config naming an exporter it does not have.
    await expect(
      run(
        COLLECTOR,
        ['validate', '--config', lokiConfig, '--set', 'service.pipelines.logs.exporters=[loki]'],
        {
          timeout: 60_000,
        },
      ),
    ).rejects.toThrow(/loki/);
  });
});
