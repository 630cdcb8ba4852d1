// The stack's configuration, checked by the real tools' own validators: Prometheus' promtool (the generated
// prometheus.yml with the shipped alert rules), Alertmanager's amtool (the generated alertmanager.yml) and
// otelcol-secotel's `validate` (config/victorialogs.yaml).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { alertmanagerConfig, COLLECTOR_CONFIG, prometheusConfig, RULES_FILE } from '../stack.mjs';

const run = promisify(execFile);
const DETECTION_RULES = fileURLToPath(new URL('../../../spec/detection-rules.yaml', import.meta.url));
const { collectorBinary } = inject('stackTools');
const dir = mkdtempSync(join(tmpdir(), 'secotel-stack-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Rule {
  alert?: string;
  expr: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

describe('the local stack configuration', () => {
  it('has alert rules promtool accepts, one per detection rule family', async () => {
    const { stdout } = await run('promtool', ['check', 'rules', RULES_FILE]);
    expect(stdout).toMatch(/SUCCESS: \d+ rules found/);
    const groups: { rules: Rule[] }[] = parse(readFileSync(RULES_FILE, 'utf8')).groups;
    const rules = groups.flatMap((group) => group.rules);
    // Every rule of the processor's default set (spec/detection-rules.yaml) reaches Alertmanager.
    const detectionRules = parse(readFileSync(DETECTION_RULES, 'utf8')).rules.map(
      (rule: { name: string }) => rule.name,
    );
    expect(detectionRules).toContain('brute_force');
    for (const name of detectionRules) {
      expect(
        rules.some(
          (rule) => rule.expr.includes('otelcol_processor_security_alerts') && rule.expr.includes(name),
        ),
        name,
      ).toBe(true);
    }
    for (const rule of rules) {
      expect(rule.labels?.severity, rule.alert).toMatch(/^(warning|critical)$/);
      expect(rule.annotations?.summary, rule.alert).toBeTruthy();
    }
  });

  it('generates a prometheus.yml promtool accepts (with the rules it loads)', async () => {
    const file = join(dir, 'prometheus.yml');
    writeFileSync(
      file,
      JSON.stringify(
        prometheusConfig({
          metricsPort: 8888,
          alertmanagerPort: 9093,
          scrapeInterval: '2s',
          evaluationInterval: '2s',
        }),
      ),
    );
    const { stdout } = await run('promtool', ['check', 'config', file]);
    expect(stdout).toContain('SUCCESS');
    expect(stdout).toContain(RULES_FILE);
  });

  it('generates an alertmanager.yml amtool accepts', async () => {
    const file = join(dir, 'alertmanager.yml');
    writeFileSync(file, JSON.stringify(alertmanagerConfig()));
    const { stdout } = await run('amtool', ['check-config', file]);
    expect(stdout).toContain('SUCCESS');
  });

  it('ships a collector config otelcol-secotel validates', async () => {
    await expect(
      run(collectorBinary, ['validate', '--config', COLLECTOR_CONFIG], {
        env: { ...process.env, SECOTEL_STATE_DIR: join(dir, 'state') },
      }),
    ).resolves.toBeDefined();
  });

  it('fails validation when the exporter is misconfigured (the check above is not vacuous)', async () => {
    const shipped = readFileSync(COLLECTOR_CONFIG, 'utf8');
    expect(shipped).toContain('encoding: proto'); // VictoriaLogs takes OTLP as protobuf only
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, shipped.replace('encoding: proto', 'encoding: xml'));
    await expect(
      run(collectorBinary, ['validate', '--config', broken], {
        env: { ...process.env, SECOTEL_STATE_DIR: join(dir, 'state') },
      }),
    ).rejects.toThrow(/encoding/);
  });
});
