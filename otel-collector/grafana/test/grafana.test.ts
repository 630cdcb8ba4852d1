// Checks otel-collector/grafana/ with real parsers: every LogQL expression of the dashboards and
// the rules goes through Grafana's own LogQL grammar (@grafana/lezer-logql, see logql.ts), every
// label name they read must be one Loki's documented OTLP mapping produces for secotel's records
// (loki-otlp.ts), and the dashboards are validated against JSON Schemas made from Grafana's
// published schema types (@grafana/schema). Each check is also run on a fixture that is broken on
// purpose, so a checker that accepts everything fails here.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../../test-support/paths';
import { createDashboardValidator, type DashboardValidator, panelsOf } from './grafana-schema';
import { type CheckedExpr, checkFiles, formatProblem, parseLogQL, templateProblems } from './logql';
import { lokiName, lokiNames, RECORD_FIELDS } from './loki-otlp';

const run = promisify(execFile);
const GRAFANA_DIR = resolve(REPO_ROOT, 'otel-collector/grafana');
const FIXTURES = resolve(GRAFANA_DIR, 'test/fixtures');
const COLLECTOR = resolve(REPO_ROOT, 'otel-collector/.build/otelcol-secotel/otelcol-secotel');

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

describe("LogQL expressions, parsed by Grafana's LogQL grammar", () => {
  it('accepts every expression of the shipped dashboards and rules', () => {
    expect(dashboardFiles.length).toBeGreaterThanOrEqual(2);
    const result = checkFiles([...dashboardFiles, rulesFile]);
    expect(result.problems.map(formatProblem)).toEqual([]);
    // Every target and every rule is counted: the checker saw all of them.
    const targets = dashboardFiles
      .flatMap((f) => panelsOf(readJson(f)))
      .flatMap((p) => (Array.isArray(p.targets) ? p.targets : []));
    const rules = (readYaml(rulesFile).groups as { rules: unknown[] }[]).flatMap((g) => g.rules);
    expect(result.expressions.length).toBe(targets.length + rules.length);
  });

  it('rejects a broken expression and names the file, panel and target', () => {
    const file = resolve(FIXTURES, 'broken-dashboard.json');
    const messages = checkFiles([file]).problems.map(formatProblem);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain(`${file}: panel "broken LogQL" (id 1) target A: parse error at offset`);
    expect(messages[1]).toContain(
      `${file}: panel "misspelt key" (id 3) target A: unknown dashboard variable(s) $servce`,
    );
  });

  it('rejects broken rules the way the Loki ruler does', () => {
    const broken = resolve(FIXTURES, 'broken-rules.yaml');
    const unknown = resolve(FIXTURES, 'unknown-field-rules.yaml');
    const messages = checkFiles([broken, unknown]).problems.map(formatProblem);
    expect(messages).toEqual([
      expect.stringContaining(`${broken}: group "broken" rule "BrokenLogQL": parse error at offset`),
      expect.stringContaining(`${broken}: group "broken" rule "LogQueryAsAlert": not a metric query`),
      expect.stringContaining(
        `${unknown}: group "broken" rule "MisplacedSeverity": unknown field(s) severity`,
      ),
    ]);
  });

  it('rejects annotation templates the ruler could not expand', () => {
    expect(templateProblems('{{ $labels.service_name }} had {{ $value }}')).toEqual([]);
    expect(templateProblems('{{ $labels.service_name }')).toEqual(["'{{' without '}}'"]);
    expect(templateProblems('count }} {{ $value }}')).toEqual(["'}}' without '{{'"]);
    expect(templateProblems('{{ range $labels }}')).toEqual([
      'unsupported template action {{ range $labels }}',
    ]);
  });

  it('refuses files it cannot check', () => {
    expect(() => checkFiles([resolve(GRAFANA_DIR, 'README.md')])).toThrow(/unknown file kind ".md"/);
  });

  it('tells metric queries from log queries and lists the labels read', () => {
    expect(
      parseLogQL(
        'sum by (client_address) (count_over_time({service_name=~".+"} | event_name="x" | severity_number >= 21 [5m]))',
      ),
    ).toEqual({
      kind: 'metric',
      labels: ['client_address', 'event_name', 'service_name', 'severity_number'],
      selectorLabels: ['service_name'],
    });
    expect(parseLogQL('{service_name="shop", env!="dev"} | json | user_name=~"a.*"')).toEqual({
      kind: 'log',
      labels: ['env', 'service_name', 'user_name'],
      selectorLabels: ['env', 'service_name'],
    });
  });
});

describe("label names against Loki's documented OTLP mapping", () => {
  const specAttributes = Object.keys(
    readYaml(resolve(REPO_ROOT, 'spec/security-events.yaml')).attributes as object,
  );
  // What every secotel record carries: the resource's service identity and the spec's attributes;
  // on the Loki branch of config/loki.yaml also the attribute event_name (see the README).
  const secotel = lokiNames(['service.name', 'service.instance.id'], [...specAttributes, 'event_name']);
  const shipped = checkFiles([...dashboardFiles, rulesFile]).expressions;

  /** The labels an expression reads that Loki does not produce, and selector labels that are not index labels. */
  function misreads(e: CheckedExpr): string[] {
    return [
      ...e.labels
        .filter((l) => !secotel.all.has(l))
        .map((l) => `${e.where} reads ${l}, which Loki does not produce`),
      ...e.selectorLabels
        .filter((l) => !secotel.indexLabels.has(l))
        .map((l) => `${e.where} selects streams by ${l}, which is not an index label`),
    ];
  }

  it('matches the worked examples of the documented mapping', () => {
    const { examples } = readJson(resolve(FIXTURES, 'loki-otlp-mapping.json')) as {
      examples: { resource: string[]; log: string[]; indexLabels: string[]; structuredMetadata: string[] }[];
    };
    for (const ex of examples) {
      const names = lokiNames(ex.resource, ex.log);
      expect([...names.indexLabels].sort()).toEqual(ex.indexLabels);
      expect([...names.all].filter((n) => !names.indexLabels.has(n)).sort()).toEqual(ex.structuredMetadata);
    }
    expect(lokiName('security_rule.name')).toBe('security_rule_name');
    expect(RECORD_FIELDS).toContain('severity_number');
  });

  it('every name the dashboards and rules read is one Loki produces for secotel records', () => {
    expect(shipped.length).toBeGreaterThan(20);
    expect(shipped.flatMap(misreads)).toEqual([]);
  });

  it('catches a query that reads an attribute by its OpenTelemetry spelling or selects by metadata', () => {
    const bad = [
      '{service_name=~".+"} | client.address="x"',
      'sum by (security_alert_key) (count_over_time({event_name="security.alert"} [5m]))',
      'sum by (clientaddress) (count_over_time({service_name=~".+"} [5m]))',
    ];
    const found = bad.flatMap((expr) => {
      try {
        return misreads({ file: 'inline', where: expr, expr, ...parseLogQL(expr) });
      } catch (error) {
        return [`${expr}: ${(error as Error).message}`];
      }
    });
    expect(found).toEqual([
      expect.stringContaining('parse error'),
      expect.stringContaining('selects streams by event_name, which is not an index label'),
      expect.stringContaining('reads clientaddress, which Loki does not produce'),
    ]);
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
