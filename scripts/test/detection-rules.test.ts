import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadRules, RULES_PATH, RulesError } from '../detection-rules/load.mjs';
import { renderAll } from '../detection-rules/render-all.mjs';
import { EVENTS_PATH, MAPPING_PATH } from '../siem-mapping/load.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REGENERATE = 'run `node scripts/generate-detection-rules.mjs`';
const read = (path: string) => readFileSync(ROOT + path, 'utf8');
const rulesText = read(RULES_PATH);
const eventsText = read(EVENTS_PATH);
const mappingText = read(MAPPING_PATH);

describe('files generated from spec/detection-rules.yaml', () => {
  const rendered: Map<string, string> = renderAll(rulesText, eventsText, mappingText, read);
  it.each([...rendered.keys()])('%s matches a fresh generation', (path) => {
    const onDisk = existsSync(ROOT + path) ? read(path) : '(missing)';
    expect(onDisk, `${path} is out of date: ${REGENERATE}`).toBe(rendered.get(path));
  });

  it('refuses a region file whose markers were removed, naming the file', () => {
    const withoutMarkers = (path: string) => read(path).replaceAll('BEGIN generated', 'BEGIN edited');
    expect(() => renderAll(rulesText, eventsText, mappingText, withoutMarkers)).toThrow(
      /prometheus-rules\.yaml: the lines/,
    );
  });
});

describe('spec/detection-rules.yaml', () => {
  it('holds the default rules of the processor, each raising a Prometheus alert', () => {
    const { rules, prometheusAlerts } = loadRules(rulesText, eventsText);
    expect(rules.map((rule: { name: string }) => rule.name)).toEqual([
      'brute_force',
      'credential_stuffing',
      'password_spraying',
      'distributed_brute_force',
      'success_after_failures',
      'request_rejection_burst',
      'not_found_burst',
      'attack_tool_burst',
      'injection_burst',
      'source_silent',
    ]);
    const alerted = prometheusAlerts.flatMap((alert: { rules: { name: string }[] }) => alert.rules);
    expect(alerted).toHaveLength(rules.length);
  });

  // Each broken copy must be refused with a problem naming what is wrong.
  // biome-ignore lint/suspicious/noExplicitAny: each case edits the parsed YAML wherever it needs to
  const broken: [string, (raw: any) => void, RegExp][] = [
    [
      'an unknown event',
      (raw) => (raw.rules[0].select.events = ['authn_login_fial']),
      /authn_login_fial is not an event/,
    ],
    [
      'an unknown attribute',
      (raw) => (raw.rules[0].group_by = ['client.adress']),
      /client\.adress is not an attribute/,
    ],
    [
      'a duplicate name',
      (raw) => (raw.rules[1].name = 'brute_force'),
      /\(brute_force\): the name is used twice/,
    ],
    ['a bad window', (raw) => (raw.rules[0].timespan = '5 minutes'), /timespan: 5 minutes is not like/],
    ['a zero threshold', (raw) => (raw.rules[0].threshold = 0), /brute_force\)\.threshold/],
    ['an unknown level', (raw) => (raw.rules[0].severity = 'HIGH'), /severity: HIGH is not one of/],
    ['a value_count without field', (raw) => delete raw.rules[1].field, /credential_stuffing\)\.field/],
    [
      'per-value bounds the wrong way round',
      (raw) => (raw.rules[2].per_value = { min: 5, max: 2 }),
      /per_value/,
    ],
    ['a sequence on a counting rule', (raw) => (raw.rules[0].sequence = raw.rules[4].sequence), /sequence/],
    [
      'an event the collector cannot emit',
      (raw) => (raw.rules[6].emit = 'authn_login_fail'),
      /emit: authn_login_fail/,
    ],
    [
      'an alert no rule raises',
      (raw) => (raw.prometheus_alerts.SecotelNothing = { summary: 'x' }),
      /SecotelNothing: no rule/,
    ],
    [
      'a rule raising an undeclared alert',
      (raw) => (raw.rules[0].prometheus = 'SecotelBrute'),
      /SecotelBrute is not in/,
    ],
    [
      'an alert over rules of two severities',
      (raw) => (raw.rules[5].severity = 'CRITICAL'),
      /SecotelScanning: its rules disagree on severity/,
    ],
    ['an unknown key', (raw) => (raw.rules[0].treshold = 3), /unknown key treshold/],
    [
      'a source_silent rule with a threshold',
      (raw) => (silent(raw).threshold = 3),
      /\(source_silent\): threshold is not a key of a source_silent rule \(it watches service\.name \+ service\.instance\.id/,
    ],
    [
      'a source_silent rule with its own key',
      (raw) => (silent(raw).group_by = ['client.address']),
      /\(source_silent\): group_by is not a key of a source_silent rule/,
    ],
    [
      'a source_silent rule without a window',
      (raw) => delete silent(raw).timespan,
      /\(source_silent\): missing timespan/,
    ],
    [
      'a source_silent rule with a bad window',
      (raw) => (silent(raw).timespan = '5 min'),
      /\(source_silent\)\.timespan: 5 min is not like/,
    ],
  ];
  // biome-ignore lint/suspicious/noExplicitAny: the parsed YAML
  function silent(raw: any) {
    return raw.rules.find((rule: { type: string }) => rule.type === 'source_silent');
  }
  it.each(broken)('refuses %s', (_name, edit, problem) => {
    const raw = parse(rulesText);
    edit(raw);
    let error: unknown;
    try {
      loadRules(stringify(raw), eventsText);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RulesError);
    expect((error as Error).message).toMatch(problem);
  });
});
