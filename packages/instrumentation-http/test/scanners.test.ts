import { beforeAll, describe, expect, it } from 'vitest';
import type { ReceivedRecord } from '../../../test-support/otlp-sink';
import { recordsFor } from '../../../test-support/records';
import { recordsOfRun } from './support/scenario';

const BROWSER =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const json = { 'content-type': 'application/json', 'user-agent': BROWSER };

/** Requests a scanner sends, each with the facts it must produce (path is the url.path they are filed under). */
const HOSTILE = [
  {
    path: '/api/search?q=1',
    headers: { 'user-agent': 'sqlmap/1.8.2#stable (https://sqlmap.org)' },
    facts: ['malicious_attack_tool'],
  },
  {
    path: '/../../etc/passwd',
    headers: { 'user-agent': BROWSER },
    facts: ['input_validation_fail', 'request_rejected'],
  },
  {
    path: '/api/files/..%252f..%252fetc%252fpasswd',
    headers: { 'user-agent': BROWSER },
    facts: ['input_validation_fail', 'request_rejected'],
  },
  {
    path: '/api/search?next=%0d%0aSet-Cookie:%20sid=evil',
    headers: { 'user-agent': BROWSER },
    facts: ['input_validation_fail'],
  },
  {
    path: '/api/download?file=%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd',
    headers: { 'user-agent': BROWSER },
    facts: ['input_validation_fail', 'request_rejected'],
  },
  {
    path: '/api/search?file=report.pdf%2500',
    headers: { 'user-agent': BROWSER },
    facts: ['input_validation_fail'],
  },
];

/** Ordinary traffic that looks a little like the above; none of it may produce a fact. */
const BENIGN = [
  { path: '/api/search?q=O%27Brien', headers: { 'user-agent': BROWSER } },
  { path: '/api/search?q=see%20..%2Fdocs%20for%20details', headers: { 'user-agent': 'curl/8.5.0' } },
  { path: '/api/search?next=https%3A%2F%2Fexample.com%2Fa%2Fb%3Fc%3Dd', headers: { 'user-agent': BROWSER } },
  {
    path: '/api/comments',
    method: 'POST',
    headers: json,
    body: JSON.stringify({
      name: "O'Brien",
      text: 'docs moved to ../docs, see https://example.com/x?y=1\nthanks',
      dir: '../',
    }),
  },
];

describe('scanner traffic and ordinary traffic against an express app', () => {
  let records: ReceivedRecord[];

  beforeAll(async () => {
    ({ records } = await recordsOfRun(
      { flag: '--import', script: 'express-app.cjs' },
      async (app) => {
        for (const request of [...HOSTILE, ...BENIGN]) await app.send(request);
      },
      HOSTILE.flatMap((request) => request.facts).length,
    ));
  });

  it.each(HOSTILE)('$path -> $facts', ({ path, facts }) => {
    const urlPath = path.split('?')[0] as string;
    const names = recordsFor(records, urlPath).map((r) => r.eventName);
    for (const fact of facts) expect(names).toContain(`security.${fact}`);
  });

  it('names the tool, and the source and path of each attack input', () => {
    const byKind = Object.fromEntries(
      records.map((r) => [
        r.attributes['security.attack.kind'] ?? r.attributes['security.attack.tool'],
        r.attributes,
      ]),
    );
    expect(byKind.sqlmap).toMatchObject({
      'security.attack.source': 'header',
      'security.attack.path': '.headers.user-agent',
    });
    expect(byKind.crlf_injection).toMatchObject({
      'security.attack.source': 'query',
      'security.attack.path': '.query.next',
    });
    expect(byKind.null_byte).toMatchObject({
      'security.attack.source': 'query',
      'security.attack.path': '.query.file',
    });
    const traversals = records.filter((r) => r.attributes['security.attack.kind'] === 'path_traversal');
    expect(traversals.map((r) => r.attributes['security.attack.source']).sort()).toEqual([
      'path',
      'path',
      'query',
    ]);
    // Overlong UTF-8 is not UTF-8: the value stays encoded, as express's query parser leaves it.
    expect(
      traversals.find((r) => r.attributes['security.attack.source'] === 'query')?.attributes,
    ).toMatchObject({
      'security.attack.path': '.query.file',
      'security.attack.payload': '%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd',
    });
  });

  it('records nothing else: no fact for the benign requests', () => {
    expect(records).toHaveLength(HOSTILE.flatMap((request) => request.facts).length);
    expect(recordsFor(records, '/api/comments')).toEqual([]);
  });
});

describe('instrumentations chosen by short name', () => {
  const forbidden = { path: '/api/users/1', headers: { 'x-user': 'alice' } };

  it('without express, refusals still arrive but without the route template', async () => {
    const { records } = await recordsOfRun(
      { flag: '--import', script: 'express-app.cjs', env: { SECOTEL_DISABLED_INSTRUMENTATIONS: 'express' } },
      async (app) => {
        await app.send(forbidden);
      },
      1,
    );
    expect(records).toHaveLength(1);
    expect(records[0]?.attributes['http.route']).toBeUndefined();
    expect(records[0]?.attributes['user.name']).toBe('alice');
  });

  it('with only express enabled, no request gets a context and no refusal is reported', async () => {
    const { records } = await recordsOfRun(
      { flag: '--import', script: 'express-app.cjs', env: { SECOTEL_INSTRUMENTATIONS: 'express' } },
      async (app) => {
        await app.send(forbidden);
      },
      0,
    );
    expect(records).toEqual([]);
  });
});

describe('the inputs captured for the database layer', () => {
  it('lists path, query, route parameters, parsed body, headers and cookies, but no credentials', async () => {
    let inputs: unknown;
    await recordsOfRun(
      { flag: '--import', script: 'express-app.cjs' },
      async (app) => {
        const reply = await app.send({
          path: '/api/inputs/42?sort=name',
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            cookie: 'theme=dark%20blue',
            authorization: 'Bearer not-an-input',
            'x-user': 'alice',
          },
          body: JSON.stringify({ user: { name: "O'Brien", tags: ['a'] }, count: 3 }),
        });
        inputs = JSON.parse(reply.body);
      },
      0,
    );
    expect(inputs).toEqual(
      expect.arrayContaining([
        { source: 'path', path: '.path', value: '/api/inputs/42' },
        { source: 'query', path: '.query.sort', value: 'name' },
        { source: 'route', path: '.params.id', value: '42' },
        { source: 'body', path: '.body.user.name', value: "O'Brien" },
        { source: 'body', path: '.body.user.tags[0]', value: 'a' },
        { source: 'header', path: '.headers.x-user', value: 'alice' },
        { source: 'cookie', path: '.cookies.theme', value: 'dark blue' },
      ]),
    );
    expect(JSON.stringify(inputs)).not.toContain('not-an-input');
  });
});
