import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppProcess } from '../../../test-support/app-process';
import type { ReceivedRecord } from '../../../test-support/otlp-sink';
import { PRISMA_CLIENT } from './support/prisma';
import { dbRecords, FIXTURES, runApp } from './support/runs';
import { prepareTypeorm, TYPEORM_DIR } from './support/typeorm';

type Dialect = 'postgresql' | 'mysql';
interface CorpusEntry {
  value: string;
  contexts: string[];
  decode?: boolean;
  excluded?: Array<{ dialect: string; context: string; shape?: string }>;
}
const load = (name: string): CorpusEntry[] => JSON.parse(readFileSync(resolve(FIXTURES, name), 'utf8'));
const PAYLOADS = load('sqli-payloads.json');
const BENIGN = load('sqli-benign.json');

const ORMS: Array<{ orm: string; dialect: Dialect; system: string; safe: string[] }> = [
  {
    orm: 'prisma',
    dialect: 'postgresql',
    system: 'postgresql',
    safe: ['tagged', 'unsafe-with-parameter', 'model'],
  },
  { orm: 'knex-pg', dialect: 'postgresql', system: 'postgresql', safe: ['raw-with-binding', 'builder'] },
  { orm: 'knex-mysql', dialect: 'mysql', system: 'mariadb', safe: ['raw-with-binding', 'builder'] },
  { orm: 'sequelize-pg', dialect: 'postgresql', system: 'postgresql', safe: ['replacements', 'bind'] },
  { orm: 'sequelize-mysql', dialect: 'mysql', system: 'mariadb', safe: ['replacements', 'bind'] },
  { orm: 'typeorm-pg', dialect: 'postgresql', system: 'postgresql', safe: ['parameters', 'builder'] },
  { orm: 'typeorm-mysql', dialect: 'mysql', system: 'mariadb', safe: ['parameters', 'builder'] },
];

/**
 * Each ORM's raw SQL API with the input concatenated (fixtures/orm-app.cjs /raw) sent every payload of the SQL
 * corpus that targets a string literal, over real HTTP, against the real PostgreSQL and MariaDB; then every
 * payload and benign value through each of the ORM's parameterised paths (/safe/<variant>).
 */
describe.each(ORMS)('$orm', ({ orm, dialect, system, safe }) => {
  const attacks = PAYLOADS.filter(
    (entry) =>
      entry.contexts.includes('string') &&
      entry.decode !== true &&
      !entry.excluded?.some(
        (e) => e.dialect === dialect && e.context === 'string' && (e.shape ?? 'string') === 'string',
      ),
  );
  const requests = [
    ...attacks.map((entry, n) => `/raw/${n}?q=${encodeURIComponent(entry.value)}`),
    ...safe.flatMap((variant) =>
      [...PAYLOADS, ...BENIGN].map(
        (entry, n) => `/safe/${variant}/${n}?q=${encodeURIComponent(entry.value)}`,
      ),
    ),
  ];
  let records: ReceivedRecord[];
  let stderr: string;
  const replies = { bare: [] as string[], secotel: [] as string[] };

  beforeAll(async () => {
    if (orm.startsWith('typeorm')) prepareTypeorm();
    const env = {
      ORM: orm,
      TABLE: `orm_products_${orm.replace('-', '_')}`,
      PRISMA_CLIENT,
      TYPEORM_DIR,
    };
    const exercise = (seen: string[]) => async (app: AppProcess) => {
      for (const path of requests) {
        const reply = await app.send({ path });
        seen.push(`${reply.status} ${reply.body}`);
      }
    };
    await runApp('orm-app.cjs', env, exercise(replies.bare), { secotel: false });
    ({ records, stderr } = await runApp('orm-app.cjs', env, exercise(replies.secotel)));
  }, 300_000);

  const reportedPaths = () =>
    new Set(
      dbRecords(records, 'security.input_validation_fail').map((r) => String(r.attributes['url.path'])),
    );

  it('answers every request exactly as the application does without secotel', () => {
    expect(replies.secotel).toEqual(replies.bare);
    expect(replies.bare.some((reply) => reply.startsWith('500 '))).toBe(true);
    expect(replies.bare.filter((reply) => reply.startsWith('404 '))).toEqual([]);
  });

  it('reports SQL injection through the raw API for every payload', () => {
    const reported = reportedPaths();
    const missed = attacks.filter((_, n) => !reported.has(`/raw/${n}`)).map((entry) => entry.value);
    expect(missed).toEqual([]);
    const union = dbRecords(records, 'security.input_validation_fail').find(
      (r) => r.attributes['url.path'] === '/raw/0',
    );
    expect(union?.attributes).toMatchObject({
      'security.attack.kind': 'sqli',
      'security.attack.path': '.query.q',
      'db.system.name': system,
      'http.route': '/raw/:n',
    });
    expect(stderr).not.toContain('internal error');
  });

  it('never reports the parameterised paths, which run every value as a value', () => {
    // MariaDB's default latin1 tables refuse some non-ASCII text (a collation error, not the query's shape).
    const ascii = (path: string) => /^[\x20-\x7e]*$/.test(decodeURIComponent(path.split('?q=')[1] ?? ''));
    const failed = requests.filter(
      (path, i) => path.startsWith('/safe/') && ascii(path) && !replies.bare[i]?.startsWith('200 '),
    );
    expect(failed).toEqual([]);
    const onSafe = [...reportedPaths()].filter((path) => path.startsWith('/safe/'));
    expect(onSafe).toEqual([]);
  });
});
