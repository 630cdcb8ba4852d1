// The Elastic rules and Splunk searches select only on fields the collector's SIEM encoders produce from
// spec/siem-mapping.yaml, read from the shipped files (not from the generator), and say what the spec says.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRules, RULES_PATH } from '../detection-rules/load.mjs';
import { fieldsProduced } from '../detection-rules/siem-fields.mjs';
import { EVENTS_PATH, loadMapping, MAPPING_PATH } from '../siem-mapping/load.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(ROOT + path, 'utf8');
const eventsText = read(EVENTS_PATH);
const mapping = loadMapping(read(MAPPING_PATH), eventsText);
const { rules } = loadRules(read(RULES_PATH), eventsText);
const ELASTIC = 'siem/elastic/rules/';
const ADD_ON = 'siem/splunk/TA-secotel/default/';

/** The query of an Elastic rule file, between query = ''' and '''. */
const elasticQuery = (text: string) => /query = '''\n([\s\S]*?)\n'''/.exec(text)?.[1] ?? '';
/** The saved searches: stanza name -> search. */
function savedSearches(): Map<string, string> {
  const searches = new Map<string, string>();
  let stanza = '';
  for (const line of read(`${ADD_ON}savedsearches.conf`).split('\n')) {
    const name = /^\[(.+)\]$/.exec(line)?.[1];
    if (name) stanza = name;
    if (line.startsWith('search = ')) searches.set(stanza, line.slice('search = '.length));
  }
  return searches;
}

const withoutStrings = (query: string) => query.replace(/"[^"]*"/g, '""');
// Names a query computes itself or a command's options, not fields of the documents.
const COMPUTED = new Set([
  'event_count',
  'value_count',
  'per_value',
  'first_steps',
  'is_last_step',
  '_time',
  'time_window',
  'alive_at',
  'ended_at',
  'last_alive',
  'last_end',
  'heartbeat',
]);

/** The ECS fields an ES|QL or EQL query reads: its dotted names, outside strings and the FROM pattern. */
function ecsFieldsOf(query: string): string[] {
  const body = withoutStrings(query).replace(/^FROM \S+/m, '');
  return [...body.matchAll(/[@a-z_][a-z0-9_]*(?:\.[a-z0-9_]+)+/g)].map((m) => m[0]);
}

/** The fields an SPL search reads: field=value terms, IN lists, by clauses and aggregations. */
function splFieldsOf(search: string): string[] {
  const body = withoutStrings(search);
  const names = [
    ...[...body.matchAll(/(?<![\w.])([a-z_][a-z0-9_.]*)\s*(?:==?|>=|<=)(?!=)/g)].map((m) => m[1]),
    ...[...body.matchAll(/(?<![\w.])([a-z_][a-z0-9_.]*) IN \(/g)].map((m) => m[1]),
    ...[...body.matchAll(/\bby ([a-z_. ]+?)(?=\s*\||$)/g)].flatMap((m) => m[1].split(' ')),
    ...[...body.matchAll(/\b(?:dc|sum|max)\(([a-z_][a-z0-9_.]*)\)/g)].map((m) => m[1]),
  ];
  return names.filter((name) => name !== '' && !COMPUTED.has(name));
}

const ecs = fieldsProduced(mapping, 'ecs');
const cim = fieldsProduced(mapping, 'cim');
const unknown = (fields: string[], produced: Set<string>) => fields.filter((field) => !produced.has(field));

describe('Elastic detection rules (siem/elastic/rules)', () => {
  const files = readdirSync(ROOT + ELASTIC).sort();

  it('has one rule per default rule', () => {
    expect(files).toEqual(rules.map((rule: { name: string }) => `${rule.name}.toml`).sort());
  });

  it.each(files)('%s reads only ECS fields the mapping produces', (file) => {
    const query = elasticQuery(read(ELASTIC + file));
    expect(query).not.toBe('');
    expect(ecsFieldsOf(query).length).toBeGreaterThan(0);
    expect(unknown(ecsFieldsOf(query), ecs)).toEqual([]);
  });

  it('groups failed logins by source.ip, where the mapping puts client.address, at the spec threshold', () => {
    const query = elasticQuery(read(`${ELASTIC}brute_force.toml`));
    expect(query).toContain('event.action == "authn_login_fail"');
    expect(query).toMatch(/BY source\.ip\n\| WHERE event_count >= 10$/);
  });

  it('finds a silent instance in ES|QL by service instance, past the timespan or two heartbeats', () => {
    const query = elasticQuery(read(`${ELASTIC}source_silent.toml`));
    expect(query).toContain('BY service.name, service.instance.id');
    expect(query).toContain('GREATEST(300, 2 * heartbeat)');
    expect(ecsFieldsOf(query)).toEqual(
      expect.arrayContaining(['service.instance.id', 'security.heartbeat.interval']),
    );
  });

  it('catches a query on a field the mapping does not produce', () => {
    const query = elasticQuery(read(`${ELASTIC}brute_force.toml`)).replaceAll('source.ip', 'client.ip');
    expect(unknown(ecsFieldsOf(query), ecs)).toEqual(['client.ip', 'client.ip']);
  });
});

describe('Splunk add-on (siem/splunk/TA-secotel)', () => {
  const searches = savedSearches();

  it('has one saved search per default rule', () => {
    expect([...searches.keys()]).toEqual(rules.map((rule: { title: string }) => `secotel - ${rule.title}`));
  });

  it.each([...searches])('%s reads only CIM fields the mapping produces', (_name, search) => {
    expect(search.startsWith('sourcetype="secotel:security" ')).toBe(true);
    expect(splFieldsOf(search).length).toBeGreaterThan(1);
    expect(unknown(splFieldsOf(search), cim)).toEqual([]);
  });

  it('catches a search on a field the mapping does not produce', () => {
    const search = searches.get('secotel - Brute force')?.replaceAll('src', 'src_ip') ?? '';
    expect(unknown(splFieldsOf(search), cim)).toContain('src_ip');
  });

  it('finds a silent instance by its last alive record, per service instance, without trusting a later start', () => {
    const search = searches.get('secotel - Silent source') ?? '';
    expect(search).toContain('signature_id IN ("sys_startup", "sys_heartbeat", "sys_shutdown", "sys_crash")');
    expect(search).toContain('by app service.instance.id');
    expect(search).toContain('(isnull(last_end) OR last_end<last_alive)');
    expect(search).toContain('last_alive<=now()-max(300, 2*heartbeat)');
    expect(splFieldsOf(search)).toEqual(expect.arrayContaining(['app', 'service.instance.id']));
    expect(unknown(splFieldsOf(search.replaceAll('service.instance.id', 'service.instance')), cim)).toContain(
      'service.instance',
    );
  });

  it('tags the authentication records for the CIM Authentication data model', () => {
    const eventtypes = read(`${ADD_ON}eventtypes.conf`);
    const tags = read(`${ADD_ON}tags.conf`);
    const authentication = /\[secotel_authentication\]\nsearch = (.*)/.exec(eventtypes)?.[1] ?? '';
    const models = mapping.events.filter(
      (e: { cim?: { datamodel: string } }) => e.cim?.datamodel === 'Authentication',
    );
    expect(models.length).toBeGreaterThan(0);
    for (const event of models) expect(authentication).toContain(`"${event.name}"`);
    expect(authentication).toContain('sourcetype="secotel:security"');
    expect(tags).toMatch(/\[eventtype=secotel_authentication\]\nauthentication = enabled/);
    expect(tags).toMatch(/\[eventtype=secotel_intrusion_detection\]\nids = enabled\nattack = enabled/);
    const eventtypeSearches = [...eventtypes.matchAll(/^search = (.*)$/gm)].map((m) => m[1]).join(' | ');
    expect(unknown(splFieldsOf(eventtypeSearches), cim)).toEqual([]);
  });
});
