// The Sigma content under sigma/, put through pySigma for real (installed from PyPI into .cache/python-tools by
// scripts/install-python-tools.sh, which `npm test` runs first): the generated correlation rules convert with the
// Splunk and ES|QL backends through the shipped CIM and ECS pipelines, and their conditions, run as SQL by the
// SQLite backend over records, fire at the spec's thresholds and not one below. Rules in the generic web server
// format match the demo's HTTP attack facts through sigma/pipelines/webserver-to-secotel.yml, and no benign fact.
// The same Python reads the Elastic rules as TOML and the Splunk add-on as .conf files.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRules, RULES_PATH } from '../detection-rules/load.mjs';
import { baseRuleName } from '../detection-rules/render-sigma.mjs';
import { EVENTS_PATH } from '../siem-mapping/load.mjs';
import { type DemoFacts, demoHttpFacts, type FlatRecord } from './support/demo-http-facts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PYTHON = join(ROOT, '.cache/python-tools/bin/python');
const CIM = 'sigma/pipelines/secotel-cim.yml';
const ECS = 'sigma/pipelines/secotel-ecs.yml';
const WEBSERVER = 'sigma/pipelines/webserver-to-secotel.yml';
const WEBSERVER_RULES = join(ROOT, 'scripts/test/fixtures/sigma-webserver');
const { rules } = loadRules(
  readFileSync(join(ROOT, RULES_PATH), 'utf8'),
  readFileSync(join(ROOT, EVENTS_PATH), 'utf8'),
);
const dir = mkdtempSync(join(tmpdir(), 'secotel-sigma-'));

beforeAll(() => {
  if (!existsSync(PYTHON)) {
    throw new Error(
      'pySigma is not installed: run `bash scripts/install-python-tools.sh` (npm test runs it first)',
    );
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs one of sigma/tools' scripts and parses its JSON; a failure throws with the script's message. */
function tool(script: string, args: string[]): Record<string, unknown[]> {
  const result = spawnSync(PYTHON, [join(ROOT, 'sigma/tools', script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0)
    throw new Error(`${script} ${args.join(' ')} failed:\n${result.stderr}${result.stdout}`);
  return JSON.parse(result.stdout);
}
const ruleFile = (name: string) => `sigma/rules/${name}.yml`;
interface CountingRule {
  name: string;
  group_by: string[];
  threshold: number;
  field?: string;
  select: { eventNames: string[]; where: Record<string, string> };
}
const counting: CountingRule[] = rules.filter((rule: { type: string }) =>
  ['event_count', 'value_count'].includes(rule.type),
);

describe('the secotel Sigma rules (sigma/rules) in pySigma', () => {
  it.each([
    [
      'splunk',
      CIM,
      'signature_id="authn_login_fail"',
      /stats count as event_count by _time src\s+\| search event_count >= 10/,
    ],
    [
      'esql',
      ECS,
      'event.action=="authn_login_fail"',
      /stats event_count=count\(\) by timebucket, source\.ip\s+\| where event_count >= 10/,
    ],
  ])(
    'converts every counting rule with the %s backend and its pipeline',
    (backend, pipeline, selects, groups) => {
      const queries = tool('convert.py', [
        backend,
        pipeline,
        'sigma/rules/secotel_events',
        ...counting.map((r: { name: string }) => ruleFile(r.name)),
      ]);
      for (const rule of counting) expect(queries[rule.name], rule.name).toHaveLength(1);
      expect(String(queries.brute_force[0])).toContain(selects);
      expect(String(queries.brute_force[0])).toMatch(groups);
      // The pipeline leaves none of secotel's own names for fields the format names otherwise.
      expect(JSON.stringify(queries)).not.toMatch(/client\.address|event_name|"security\./);
    },
  );

  it('loads success_after_failures (5 failures, then a success, chained), which no backend here converts', () => {
    const files = ['sigma/rules/secotel_events', ruleFile('success_after_failures')];
    // (The SQLite backend writes SQL for it that does not run: a correlation inside a temporal one.)
    for (const backend of ['splunk', 'esql']) {
      expect(() => tool('convert.py', [backend, 'none', ...files])).toThrow(
        /temporal_ordered' is not supported/,
      );
    }
  });

  // The SQLite backend turns each correlation into SQL (its window is not part of that SQL); the groups it
  // returns are those that reach the condition.
  it.each(counting.map((rule: CountingRule): [string, CountingRule] => [rule.name, rule]))(
    '%s fires at its threshold and not one below (SQLite backend, executed)',
    (_name, rule) => {
      const records: FlatRecord[] = [];
      const [key] = rule.group_by;
      for (const [group, count] of [
        ['203.0.113.1', rule.threshold],
        ['203.0.113.2', rule.threshold - 1],
      ] as const) {
        for (let i = 0; i < count; i += 1) {
          const record: FlatRecord = {
            [key]: group,
            event_name: rule.select.eventNames[0] ?? 'security.request_rejected',
          };
          for (const [attribute, value] of Object.entries(rule.select.where))
            record[attribute] = Number(value);
          if (rule.field) record[rule.field] = `user${i}`;
          records.push(record);
        }
      }
      const file = join(dir, `${rule.name}.json`);
      writeFileSync(file, JSON.stringify(records));
      const base = `sigma/rules/secotel_events/${baseRuleName(rule.select)}.yml`;
      const matches = tool('match.py', ['none', file, base, ruleFile(rule.name)]);
      expect(matches[rule.name]).toEqual([expect.objectContaining({ [key]: '203.0.113.1' })]);
    },
  );
});

// Python's own TOML and INI readers, from the same environment: the files must load as Elastic's and Splunk's
// tools read them, with the keys they need.
describe('the SIEM rule files load as TOML and Splunk .conf', () => {
  const load = (code: string, files: string[]) =>
    JSON.parse(execFileSync(PYTHON, ['-c', code, ...files], { cwd: ROOT, encoding: 'utf8' }));

  it('every Elastic rule is TOML with the detection-rules layout and a query', () => {
    const files = readdirSync(join(ROOT, 'siem/elastic/rules')).map((f) => `siem/elastic/rules/${f}`);
    const parsed = load(
      'import json, sys, tomllib; print(json.dumps([tomllib.load(open(f, "rb")) for f in sys.argv[1:]]))',
      files,
    );
    expect(parsed).toHaveLength(rules.length);
    for (const { metadata, rule } of parsed) {
      expect(metadata.maturity).toBe('production');
      expect(rule.rule_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(['esql', 'eql']).toContain(rule.type);
      expect(rule.language).toBe(rule.type);
      expect(rule.query).toMatch(
        rule.type === 'esql' ? /^FROM logs-secotel\.security-\*\n/ : /^sequence by /,
      );
    }
  });

  it('every file of the Splunk add-on is a .conf of stanzas', () => {
    const dir = 'siem/splunk/TA-secotel/default';
    const files = readdirSync(join(ROOT, dir)).map((f) => `${dir}/${f}`);
    const parsed: Record<string, Record<string, Record<string, string>>> = load(
      'import configparser, json, sys\nout = {}\nfor f in sys.argv[1:]:\n' +
        '    c = configparser.ConfigParser(interpolation=None, strict=True, delimiters=("=",))\n    c.optionxform = str\n' +
        '    c.read(f)\n    out[f.rsplit("/", 1)[1]] = {s: dict(c[s]) for s in c.sections()}\nprint(json.dumps(out))',
      files,
    );
    expect(Object.keys(parsed).sort()).toEqual([
      'app.conf',
      'eventtypes.conf',
      'props.conf',
      'savedsearches.conf',
      'tags.conf',
    ]);
    expect(parsed['props.conf']['secotel:security'].KV_MODE).toBe('json');
    expect(Object.keys(parsed['savedsearches.conf'])).toHaveLength(rules.length);
    for (const stanza of Object.values(parsed['savedsearches.conf'])) {
      expect(stanza.search).toMatch(/^sourcetype="secotel:security" /);
      expect(stanza.cron_schedule).toMatch(/^\*\/\d+ \* \* \* \*$/);
    }
    for (const eventtype of Object.keys(parsed['eventtypes.conf'])) {
      expect(parsed['tags.conf'][`eventtype=${eventtype}`], eventtype).toBeDefined();
    }
  });
});

describe('the licences of the Python test tools (scripts/python-licences.py)', () => {
  const allowed = (licence: string) =>
    execFileSync(
      PYTHON,
      [
        '-c',
        'import sys; from importlib import import_module; allowed = import_module("python-licences").allowed; print(allowed(sys.argv[1]))',
        licence,
      ],
      {
        cwd: join(ROOT, 'scripts'),
        encoding: 'utf8',
      },
    ).trim();

  it.each([
    'AGPLv3',
    'GPL-3.0-only',
    'License :: OSI Approved :: GNU General Public License v3 (GPLv3)',
    'GNU Affero General Public License v3',
    'SSPL-1.0',
    'BUSL-1.1',
    'LGPL-2.1-or-later OR GPL-2.0',
    '',
  ])('refuses %j', (licence) => {
    expect(allowed(licence)).toBe('False');
  });

  it('allows what the installed environment holds, LGPL pySigma included', () => {
    expect(allowed('License :: OSI Approved :: GNU Lesser General Public License v2 (LGPLv2)')).toBe('True');
    const result = spawnSync(PYTHON, [join(ROOT, 'scripts/python-licences.py')], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^pySigma 1\.5\.1: LGPL-2\.1-only/m);
    expect(result.status).toBe(0);
  });
});

describe('SigmaHQ-style generic web server rules on secotel facts (sigma/pipelines/webserver-to-secotel.yml)', () => {
  let facts: DemoFacts;
  let matches: Record<string, unknown[]>;
  let all: FlatRecord[];
  // SigmaHQ's own rules are not in any package a registry serves; give a folder of them (e.g.
  // rules/web/webserver_generic of a SigmaHQ checkout) in SIGMAHQ_WEBSERVER_RULES to run them here too.
  const sources = [
    WEBSERVER_RULES,
    ...(process.env.SIGMAHQ_WEBSERVER_RULES ? [process.env.SIGMAHQ_WEBSERVER_RULES] : []),
  ];

  beforeAll(async () => {
    facts = await demoHttpFacts();
    all = [...facts.benign, ...[...facts.attacks.values()].flat()];
    const file = join(dir, 'demo-facts.json');
    writeFileSync(file, JSON.stringify(all));
    matches = tool('match.py', [WEBSERVER, file, ...sources]);
  }, 60_000);

  it('has benign and attack facts to tell apart', () => {
    expect(facts.benign.length).toBeGreaterThan(5);
    expect(
      facts.attacks.get('SQL injection')?.some((r) => r.event_name === 'security.malicious_attack_tool'),
    ).toBe(true);
    expect(
      facts.attacks.get('path traversal')?.some((r) => r['security.attack.kind'] === 'path_traversal'),
    ).toBe(true);
  });

  it('matches the attack tool and path traversal facts, and no benign fact', () => {
    const matched = (title: string) =>
      ((matches[title] ?? []) as number[]).map((index) => all[index] as FlatRecord);
    const tool = matched('Attack tool in the User-Agent (test rule)');
    const sqlmap = facts.attacks
      .get('SQL injection')
      ?.filter((r) => r.event_name === 'security.malicious_attack_tool');
    expect(tool).toEqual(sqlmap);
    const traversal = matched('Path traversal in the query (test rule)');
    expect(traversal.length).toBeGreaterThanOrEqual(5);
    for (const record of traversal) {
      expect(record['security.attack.kind']).toBe('path_traversal');
      expect(record['client.address']).toBe('203.0.113.45');
    }
  });

  it('matches no benign fact with any rule it was given', () => {
    const benign = new Set(facts.benign.map((record) => all.indexOf(record)));
    for (const [title, rows] of Object.entries(matches)) {
      expect(rows.length, `${title} matches an attack fact`).toBeGreaterThan(0);
      expect(
        (rows as number[]).filter((index) => benign.has(index)),
        title,
      ).toEqual([]);
    }
  });

  it('composes with the CIM pipeline for Splunk: the user agent rule selects http_user_agent', () => {
    const queries = tool('convert.py', ['splunk', `${WEBSERVER},${CIM}`, WEBSERVER_RULES]);
    expect(JSON.stringify(queries)).toContain('http_user_agent IN (\\"*sqlmap/*\\"');
  });

  it('refuses a rule on a field secotel does not record, naming why', () => {
    const rule = join(dir, 'referer.yml');
    writeFileSync(
      rule,
      'title: referer\nid: 9d0c1a5e-2b44-4c1e-8f00-000000000001\nlogsource:\n  category: webserver\n' +
        "detection:\n  selection:\n    cs-referer|contains: 'evil'\n  condition: selection\n",
    );
    expect(() => tool('convert.py', ['sqlite', WEBSERVER, rule])).toThrow(/secotel records no such field/);
  });
});
