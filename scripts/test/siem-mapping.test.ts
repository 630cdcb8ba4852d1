import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { EVENTS_PATH, loadMapping, MAPPING_PATH, MappingError } from '../siem-mapping/load.mjs';
import { renderAll } from '../siem-mapping/render-all.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REGENERATE = 'run `node scripts/generate-siem-mapping.mjs`';
const mappingText = readFileSync(ROOT + MAPPING_PATH, 'utf8');
const eventsText = readFileSync(ROOT + EVENTS_PATH, 'utf8');

describe('generated SIEM mapping files', () => {
  const rendered: Map<string, string> = renderAll(mappingText, eventsText);
  it.each([...rendered.keys()])('%s matches spec/siem-mapping.yaml', (path) => {
    const onDisk = existsSync(ROOT + path) ? readFileSync(ROOT + path, 'utf8') : '(missing)';
    expect(onDisk, `${path} is out of date: ${REGENERATE}`).toBe(rendered.get(path));
  });
});

describe('spec/siem-mapping.yaml', () => {
  it('maps every event of the model, including the collector and SDK records', () => {
    const names = loadMapping(mappingText, eventsText).events.map((event: { name: string }) => event.name);
    const model = parse(eventsText).events.map((event: { name: string }) => event.name);
    expect(names).toEqual(model);
    expect(names).toEqual(expect.arrayContaining(['alert', 'integrity_checkpoint', 'events_folded']));
  });

  it('maps failed logins and alerts the way SIEM rules select them', () => {
    const { events } = loadMapping(mappingText, eventsText);
    const byName = new Map(events.map((event: { name: string }) => [event.name, event]));
    expect(byName.get('authn_login_fail')).toMatchObject({
      ecs: { kind: 'event', category: ['authentication'], outcome: 'failure' },
      cim: { datamodel: 'Authentication', action: 'failure' },
    });
    expect(byName.get('alert')).toMatchObject({ ecs: { kind: 'alert' }, cim: { datamodel: 'Alerts' } });
  });

  // Each broken copy must be refused with a problem naming what is wrong.
  // biome-ignore lint/suspicious/noExplicitAny: each case edits the parsed YAML wherever it needs to
  const broken: [string, (raw: any) => void, RegExp][] = [
    ['a missing event', (raw) => delete raw.events.authn_login_fail, /events\.authn_login_fail: missing/],
    [
      'an event outside the model',
      (raw) => (raw.events.made_up = raw.events.alert),
      /events\.made_up: no such event/,
    ],
    [
      'an ECS kind ECS does not have',
      (raw) => (raw.events.alert.ecs.kind = 'incident'),
      /alert\.ecs\.kind: incident/,
    ],
    [
      'an ECS category ECS does not have',
      (raw) => (raw.events.authz_fail.ecs.category = ['authorization']),
      /authorization is not an ECS event\.category/,
    ],
    [
      'an ECS type not expected with its category',
      (raw) => (raw.events.authn_login_fail.ecs.type = ['denied']),
      /authn_login_fail\.ecs\.type: denied is not expected with category authentication/,
    ],
    [
      'an ECS outcome ECS does not have',
      (raw) => (raw.events.authn_login_fail.ecs.outcome = 'failed'),
      /outcome: failed/,
    ],
    [
      'a CIM data model that does not exist',
      (raw) => (raw.events.authn_login_fail.cim.datamodel = 'Auth'),
      /datamodel: Auth is not/,
    ],
    [
      'a CIM action the data model does not prescribe',
      (raw) => (raw.events.authn_login_fail.cim.action = 'blocked'),
      /action blocked is not prescribed for Authentication/,
    ],
    [
      'a CIM action by outcome the data model does not prescribe',
      (raw) => (raw.events.upload_validation.cim.action_by_outcome.failure = 'failure'),
      /upload_validation\.cim: action failure is not prescribed for Intrusion_Detection/,
    ],
    [
      'a CEF severity above 10',
      (raw) => (raw.severity[4].cef = 11),
      /severity\[4\]\.cef: 11 is outside 0-10/,
    ],
    ['a LEEF severity of 0', (raw) => (raw.severity[0].leef = 0), /severity\[0\]\.leef: 0 is outside 1-10/],
    [
      'a syslog severity of 8',
      (raw) => (raw.severity[0].syslog = 8),
      /severity\[0\]\.syslog: 8 is outside 0-7/,
    ],
    [
      'a gap in the severity bands',
      (raw) => (raw.severity[1].from = 10),
      /severity\[1\]: from is 10, expected 9/,
    ],
    ['a CIM severity CIM does not have', (raw) => (raw.severity[0].cim = 'info'), /severity\[0\]\.cim: info/],
    [
      'a field for an unknown attribute',
      (raw) => (raw.fields['client.ip'] = { ecs: 'source.ip' }),
      /fields\.client\.ip: client\.ip is not an attribute/,
    ],
    [
      'a CEF key that is no CEF key',
      (raw) => (raw.fields['user.name'].cef = 'source user'),
      /fields\.user\.name\.cef: source user/,
    ],
    [
      'a retention that is no number of days',
      (raw) => (raw.constants.elastic_delete_after = '1y'),
      /constants\.elastic_delete_after: a number of days/,
    ],
    [
      'an ECS field that is also an object',
      (raw) => (raw.fields['security.resource'] = { ecs: 'user' }),
      /Elasticsearch field user is both a value and an object/,
    ],
    [
      'a title that would break a CEF header',
      (raw) => (raw.events.alert.name = 'a|b'),
      /events\.alert\.name/,
    ],
  ];
  it.each(broken)('refuses %s', (_, breakIt, problem) => {
    const raw = parse(mappingText);
    breakIt(raw);
    let error: unknown;
    try {
      renderAll(stringify(raw), eventsText);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MappingError);
    expect((error as MappingError).problems.join('\n')).toMatch(problem);
  });
});
