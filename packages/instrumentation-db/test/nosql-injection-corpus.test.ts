import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppProcess } from '../../../test-support/app-process';
import type { ReceivedRecord } from '../../../test-support/otlp-sink';
import { dbRecords, FIXTURES, MONGO_CLIENTS, runApp, serverEnv } from './support/runs';

/** One request of the corpus: its fields as a JSON body, a query string or a form body. */
interface CorpusEntry {
  route: 'login' | 'find' | 'parsed' | 'where' | 'search' | 'cheaper';
  encoding: 'json' | 'query' | 'form';
  /** JSON text, or URL-encoded `name=value&…` text sent as it is. */
  fields: string;
  note: string;
  /** Payloads only: an operator document, or JavaScript for the server. */
  kind?: 'operator' | 'javascript';
}
interface Case {
  /** attack: must be reported; benign / safe: must not. */
  corpus: 'attack' | 'benign' | 'safe';
  entry: CorpusEntry;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const load = (name: string): CorpusEntry[] => JSON.parse(readFileSync(resolve(FIXTURES, name), 'utf8'));
const PAYLOADS = load('nosqli-payloads.json');
const BENIGN = load('nosqli-benign.json');

/** The careful twin of each injectable route (fixtures/mongo-attack-app.cjs): same fields, values kept values. */
const SAFE_ROUTE: Record<CorpusEntry['route'], string> = {
  login: 'safe-login',
  find: 'safe-login',
  parsed: 'safe-login',
  where: 'safe-where',
  search: 'search',
  cheaper: 'cheaper',
};

/**
 * Every payload sent to the injectable route it targets, every benign request to the route it was written for,
 * then every request of both corpora to the careful route (values forced to strings, JavaScript given its value
 * as a JSON string).
 */
function cases(): Case[] {
  const all: Case[] = [];
  const add = (corpus: Case['corpus'], entry: CorpusEntry, route: string) => {
    const path = `/${route}/${all.length}`;
    if (entry.encoding === 'query') {
      all.push({ corpus, entry, method: 'GET', path: `${path}?${entry.fields}`, headers: {} });
      return;
    }
    const type = entry.encoding === 'json' ? 'application/json' : 'application/x-www-form-urlencoded';
    all.push({ corpus, entry, method: 'POST', path, headers: { 'content-type': type }, body: entry.fields });
  };
  for (const entry of PAYLOADS) add('attack', entry, entry.route);
  for (const entry of BENIGN) add('benign', entry, entry.route);
  for (const entry of [...PAYLOADS, ...BENIGN]) add('safe', entry, SAFE_ROUTE[entry.route]);
  return all;
}

const urlPath = (c: Case) => c.path.split('?')[0];
const results: string[] = [];
const safeReports: string[] = [];

/**
 * The injectable MongoDB app per client, attacked over real HTTP (express 5 with its qs query parser, JSON and
 * extended form bodies) against FerretDB, with and without secotel; the database layer's input_validation_fail
 * records (those with db.system.name) are matched to requests by URL path.
 */
describe.each(MONGO_CLIENTS)('%s', (client) => {
  const all = cases();
  let records: ReceivedRecord[];
  let stderr: string;
  const replies = { bare: [] as string[], secotel: [] as string[] };

  beforeAll(async () => {
    const env = { DRIVER: client, COLLECTION: `accounts_${client}` };
    const exercise = (seen: string[]) => async (app: AppProcess) => {
      for (const c of all) {
        const reply = await app.send({ method: c.method, path: c.path, headers: c.headers, body: c.body });
        seen.push(`${reply.status} ${reply.body}`);
      }
    };
    await runApp('mongo-attack-app.cjs', env, exercise(replies.bare), { secotel: false });
    ({ records, stderr } = await runApp('mongo-attack-app.cjs', env, exercise(replies.secotel)));
  }, 300_000);

  const detected = () =>
    new Set(
      dbRecords(records, 'security.input_validation_fail').map((r) => String(r.attributes['url.path'])),
    );

  it('answers every request exactly as the application does without secotel', () => {
    expect(replies.secotel).toEqual(replies.bare);
    expect(replies.bare).toHaveLength(all.length);
    // The injections work: the login payloads log in as admin.
    const login = all.findIndex((c) => c.corpus === 'attack' && c.entry.route === 'login');
    expect(replies.bare[login]).toContain('"role":"admin"');
  });

  it('catches the NoSQL injection corpus with precision and recall 1.000', () => {
    const found = detected();
    const attacks = all.filter((c) => c.corpus === 'attack');
    const benign = all.filter((c) => c.corpus === 'benign');
    const caught = attacks.filter((c) => found.has(urlPath(c)));
    const falseAlarms = benign.filter((c) => found.has(urlPath(c)));
    const recall = caught.length / attacks.length;
    const precision = caught.length / (caught.length + falseAlarms.length);
    results.push(
      `| ${client} | ${recall.toFixed(3)} (${caught.length}/${attacks.length}) | ${precision.toFixed(3)} ` +
        `(${falseAlarms.length} false alarms in ${benign.length} benign requests) |`,
    );
    const missed = attacks.filter((c) => !found.has(urlPath(c))).map((c) => `${c.path} ${c.entry.fields}`);
    expect(missed).toEqual([]);
    expect(falseAlarms.map((c) => `${c.path} ${c.entry.fields}`)).toEqual([]);
    expect(stderr).not.toContain('internal error');
  });

  it('reports nothing for the same requests to the careful routes', () => {
    const found = detected();
    const safe = all.filter((c) => c.corpus === 'safe' && found.has(urlPath(c)));
    safeReports.push(
      `${client} ${safe.length} reports in ${all.filter((c) => c.corpus === 'safe').length} requests`,
    );
    expect(safe.map((c) => `${c.path} ${c.entry.fields}`)).toEqual([]);
  });

  it('describes each attack with its kind, its input and the command, never the filter values', () => {
    const facts = dbRecords(records, 'security.input_validation_fail');
    const byPath = (c: Case | undefined) => facts.find((r) => r.attributes['url.path'] === (c && urlPath(c)));
    const json = all.find((c) => c.entry.fields === '{"user":"admin","password":{"$ne":null}}');
    expect(byPath(json)?.attributes).toMatchObject({
      'security.attack.kind': 'nosqli',
      'security.reason': 'query_operator',
      'security.attack.source': 'body',
      'security.attack.path': '.body.password',
      'security.attack.payload': '{"$ne":null}',
      'db.system.name': 'mongodb',
      'db.operation.name': 'find',
      'db.collection.name': `accounts_${client}`,
      'db.query.summary': `find accounts_${client}`,
      'http.route': '/login/:n',
    });
    const query = all.find((c) => c.entry.fields === 'user=admin&password[$ne]=x');
    expect(byPath(query)?.attributes).toMatchObject({
      'security.reason': 'query_operator',
      'security.attack.source': 'query',
      'security.attack.path': '.query.password[$ne]',
      'security.attack.payload': '{"$ne":"x"}',
    });
    const where = all.find((c) => c.entry.kind === 'javascript' && c.entry.encoding === 'query');
    expect(byPath(where)?.attributes).toMatchObject({
      'security.reason': 'server_javascript',
      'security.attack.source': 'query',
      'security.attack.path': '.query.q',
    });
    // Nothing of what the query found: Alice's stored password is in no payload.
    for (const fact of facts) expect(fact.raw).not.toContain('wonderland');
  });
});

afterAll(() => {
  if (results.length === 0) return;
  const kinds = (kind: string) => PAYLOADS.filter((p) => p.kind === kind).length;
  const encodings = (encoding: string) =>
    [...PAYLOADS, ...BENIGN].filter((entry) => entry.encoding === encoding).length;
  const table = [
    '# NoSQL injection corpus: precision and recall',
    '',
    'Reproduce: `npm run build && node_modules/.bin/node bench/db/nosql-corpus.mjs` (runs',
    'packages/instrumentation-db/test/nosql-injection-corpus.test.ts, which asserts the same figures).',
    '',
    `${PAYLOADS.length} payloads (${kinds('operator')} operator documents, ${kinds('javascript')} server-side`,
    `JavaScript) and ${BENIGN.length} benign look-alikes; ${encodings('json')} JSON bodies, ${encodings('query')}`,
    `query strings, ${encodings('form')} form bodies. Sent over HTTP to fixtures/mongo-attack-app.cjs (express 5,`,
    `qs query parser) on ${serverEnv().MONGO_SERVER}; every request of both corpora is also sent to the app's`,
    'careful routes, where nothing may be reported.',
    '',
    '| client | recall | precision |',
    '| --- | --- | --- |',
    ...results,
    '',
    `Careful routes: ${safeReports.join(', ')}.`,
  ].join('\n');
  console.log(table);
  // bench/db/nosql-corpus.mjs runs this file and asks for the table in a file.
  const out = process.env.NOSQL_CORPUS_RESULTS;
  if (out !== undefined) writeFileSync(out, `${table}\n`);
});
