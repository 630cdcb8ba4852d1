import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppProcess } from '../../../test-support/app-process';
import type { ReceivedRecord } from '../../../test-support/otlp-sink';
import { DRIVERS, type Driver, dbRecords, FIXTURES, runApp } from './support/runs';

type Dialect = 'postgresql' | 'mysql' | 'sqlite';
interface CorpusEntry {
  value: string;
  kind: string;
  contexts: Array<'string' | 'numeric' | 'identifier'>;
  /** The application percent-decodes the value once more before it builds the query. */
  decode?: boolean;
  /** Where a payload genuinely keeps the query's structure (a shape-less entry holds for every shape). */
  excluded?: Array<{ dialect: Dialect; context: 'string' | 'numeric'; shape?: string }>;
}
interface Case {
  /** attack: must be reported; benign / excluded / safe: must not. */
  corpus: 'attack' | 'benign' | 'excluded' | 'safe';
  entry: CorpusEntry;
  path: string;
}

const load = (name: string): CorpusEntry[] => JSON.parse(readFileSync(resolve(FIXTURES, name), 'utf8'));
const PAYLOADS = load('sqli-payloads.json');
const BENIGN = load('sqli-benign.json');

const DIALECT: Record<Driver, Dialect> = {
  'pg-client': 'postgresql',
  'pg-pool': 'postgresql',
  mysql2: 'mysql',
  'mysql2-promise': 'mysql',
  'node-sqlite': 'sqlite',
  'better-sqlite3': 'sqlite',
};

/**
 * Every payload concatenated raw in each context it targets (fixtures/attack-app.cjs: /search puts it in a
 * single-quoted literal, /item in a number's place), every benign input where a careful application puts it
 * (/escaped: an escaped literal, /item: a number, /sorted: a column name), then every value of both corpora
 * as a bound parameter (/safe).
 */
function cases(dialect: Dialect): Case[] {
  const all: Case[] = [];
  const add = (corpus: Case['corpus'], entry: CorpusEntry, route: string, parameter: string) => {
    const decode = entry.decode === true ? '&decode=1' : '';
    all.push({
      corpus,
      entry,
      path: `/${route}/${all.length}?${parameter}=${encodeURIComponent(entry.value)}${decode}`,
    });
  };
  for (const entry of PAYLOADS) {
    for (const context of entry.contexts) {
      const excluded = entry.excluded?.some(
        (e) => e.dialect === dialect && e.context === context && (e.shape ?? 'string') === 'string',
      );
      if (context === 'string') add(excluded ? 'excluded' : 'attack', entry, 'search', 'q');
      if (context === 'numeric') add(excluded ? 'excluded' : 'attack', entry, 'item', 'id');
    }
  }
  for (const entry of BENIGN) {
    if (entry.contexts.includes('string')) add('benign', entry, 'escaped', 'q');
    if (entry.contexts.includes('numeric')) add('benign', entry, 'item', 'id');
    if (entry.contexts.includes('identifier')) add('benign', entry, 'sorted', 'by');
  }
  for (const entry of [...PAYLOADS, ...BENIGN]) add('safe', entry, 'safe', 'q');
  return all;
}

const summary: string[] = [];

/**
 * The injectable demo app (fixtures/attack-app.cjs) per driver, attacked over real HTTP with every payload of
 * the shared corpus in each context it targets, and sent every benign input; the database layer's
 * input_validation_fail records (those with db.system.name) are matched to requests by URL path.
 */
describe.each(DRIVERS)('%s', (driver) => {
  const all = cases(DIALECT[driver]);
  let records: ReceivedRecord[];
  let stderr: string;
  const replies = { bare: [] as string[], secotel: [] as string[] };

  beforeAll(async () => {
    const env = { DRIVER: driver, TABLE: `products_${driver.replace(/-/g, '_')}` };
    const exercise = (seen: string[]) => async (app: AppProcess) => {
      for (const { path } of all) {
        const reply = await app.send({ path });
        seen.push(`${reply.status} ${reply.body}`);
      }
    };
    await runApp('attack-app.cjs', env, exercise(replies.bare), { secotel: false });
    ({ records, stderr } = await runApp('attack-app.cjs', env, async (app) => {
      await exercise(replies.secotel)(app);
      // A statement issued while another request holds the pool's only connection.
      const slow = app.send({ path: '/slow/9000' });
      await new Promise((done) => setTimeout(done, 100));
      await Promise.all([slow, app.send({ path: `/search/9001?q=${encodeURIComponent("' OR 1=1--")}` })]);
      // A lone keyword where a number goes keeps the token structure a value has, but the server cannot parse it.
      await app.send({ path: '/item/9002?id=select' });
    }));
  }, 300_000);

  it('answers every request exactly as the application does without secotel', () => {
    expect(replies.secotel).toEqual(replies.bare);
    expect(replies.bare.length).toBe(all.length);
    expect(replies.bare.some((reply) => reply.startsWith('500 '))).toBe(true);
  });

  const detectedPaths = () =>
    new Set(
      dbRecords(records, 'security.input_validation_fail').map((r) => String(r.attributes['url.path'])),
    );
  const urlPath = (c: Case) => c.path.slice(0, c.path.indexOf('?'));

  it('catches the injection corpus with the precision and recall the corpus sets', () => {
    const detected = detectedPaths();
    const attacks = all.filter((c) => c.corpus === 'attack');
    const benign = all.filter((c) => c.corpus === 'benign' || c.corpus === 'excluded');
    const caught = attacks.filter((c) => detected.has(urlPath(c)));
    const falseAlarms = benign.filter((c) => detected.has(urlPath(c)));
    const recall = caught.length / attacks.length;
    const precision = caught.length / (caught.length + falseAlarms.length);
    const missed = attacks
      .filter((c) => !detected.has(urlPath(c)))
      .map((c) => `${urlPath(c)} ${c.entry.value}`);
    const line =
      `${driver}: recall ${recall.toFixed(3)} (${caught.length}/${attacks.length}), ` +
      `precision ${precision.toFixed(3)} (${falseAlarms.length} false alarms in ${benign.length} benign requests)`;
    summary.push(line);
    console.log(`${line}${missed.length > 0 ? `\n  missed:\n  ${missed.join('\n  ')}` : ''}`);
    expect(falseAlarms.map((c) => c.entry.value)).toEqual([]);
    expect(precision).toBe(1);
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(stderr).not.toContain('internal error');
  });

  it('reports nothing for the same inputs bound as parameters', () => {
    const detected = detectedPaths();
    const safe = all.filter((c) => c.corpus === 'safe' && detected.has(urlPath(c)));
    expect(safe.map((c) => c.entry.value)).toEqual([]);
  });

  it('attributes a statement to the request that issued it, also after waiting for a pooled connection', () => {
    const facts = dbRecords(records, 'security.input_validation_fail');
    expect(facts.filter((r) => r.attributes['url.path'] === '/slow/9000')).toEqual([]);
    expect(facts.filter((r) => r.attributes['url.path'] === '/search/9001')).toHaveLength(1);
  });

  it('reports a statement the server could not parse because of request input (error-based probing)', () => {
    const facts = dbRecords(records, 'security.input_validation_fail').filter(
      (r) => r.attributes['url.path'] === '/item/9002',
    );
    expect(facts).toHaveLength(1);
    expect(facts[0]?.attributes).toMatchObject({
      'security.reason': 'syntax_error',
      'security.attack.kind': 'sqli',
      'security.attack.path': '.query.id',
      'security.attack.payload': 'select',
      'error.type': {
        postgresql: '42601',
        mysql: 'ER_PARSE_ERROR',
        sqlite: expect.stringMatching(/SQLITE_ERROR$/),
      }[DIALECT[driver]],
    });
  });

  it('describes the attack with its input and the statement, without the statement literals', () => {
    const union = all.find((c) => c.entry.value === "' UNION SELECT username, password FROM users--");
    const record = dbRecords(records, 'security.input_validation_fail').find(
      (r) => r.attributes['url.path'] === (union === undefined ? '' : urlPath(union)),
    );
    expect(record?.attributes).toMatchObject({
      'security.attack.kind': 'sqli',
      'security.attack.source': 'query',
      'security.attack.path': '.query.q',
      'db.operation.name': 'SELECT',
      'http.route': '/search/:n',
    });
    expect(String(record?.attributes['security.attack.payload'])).toContain('UNION SELECT');
    expect(record?.attributes['db.query.summary']).toEqual(expect.any(String));
    expect(String(record?.attributes['db.query.summary'])).not.toContain("'");
  });
});

afterAll(() => {
  if (summary.length > 0)
    console.log(
      `SQL injection corpus (${PAYLOADS.length} payloads, ${BENIGN.length} benign):\n${summary.join('\n')}`,
    );
});
