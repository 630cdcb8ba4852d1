import { readFileSync } from 'node:fs';
import type { RequestInput } from '@secotel/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { findInjections, type SqlDialect } from '../src/sql';

interface Payload {
  value: string;
  kind: string;
  /** Where concatenating the value injects: inside a single-quoted literal, or unquoted. */
  contexts: Array<'string' | 'numeric'>;
  /** The application percent-decodes the value once more before it builds the query. */
  decode?: boolean;
  /** Where it genuinely keeps the query's structure although `contexts` says it injects, and why. */
  excluded?: Array<{ dialect: SqlDialect; context: 'string' | 'numeric'; shape?: string; why: string }>;
}
interface Benign {
  value: string;
  kind: string;
  /** Where a careful application may place it: an escaped literal, a number, a column name. */
  contexts: Array<'string' | 'numeric' | 'identifier'>;
}

const fixture = <T>(name: string): T[] =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T[];
const payloads = fixture<Payload>('sqli-payloads.json');
const benign = fixture<Benign>('sqli-benign.json');

type Context = 'string' | 'numeric' | 'identifier' | 'parameter';
interface Shape {
  readonly name: string;
  readonly context: Context;
  build(value: string, dialect: SqlDialect): string;
}

/** Query shapes an application builds around one request value. */
const SHAPES: readonly Shape[] = [
  {
    name: 'string',
    context: 'string',
    build: (v) => `SELECT id, name FROM users WHERE name = '${v}' AND active = 1 AND role <> 'admin'`,
  },
  {
    name: 'like',
    context: 'string',
    build: (v) => `SELECT id FROM products WHERE title LIKE '%${v}%' LIMIT 20`,
  },
  {
    name: 'numeric',
    context: 'numeric',
    build: (v) => `SELECT * FROM orders WHERE id = ${v} AND user_id = 7`,
  },
  {
    name: 'order-by',
    context: 'identifier',
    build: (v) => `SELECT id, name FROM users ORDER BY ${v} LIMIT 10`,
  },
  {
    name: 'parameterized',
    context: 'parameter',
    build: (_v, dialect) =>
      dialect === 'postgresql'
        ? 'SELECT * FROM users WHERE name = $1 AND id = $2 LIMIT 10'
        : 'SELECT * FROM users WHERE name = ? AND id = ? LIMIT 10',
  },
];

/** How a careful application escapes a value inside a single-quoted literal (mysql2 and sqlstring use `\`). */
function escaped(value: string, dialect: SqlDialect): string {
  return dialect === 'mysql'
    ? value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")
    : value.replaceAll("'", "''");
}

/** Inputs every request carries; none of them may ever be reported. */
const BACKGROUND: readonly RequestInput[] = [
  { source: 'path', path: '.path', value: '/search' },
  { source: 'query', path: '.query.page', value: '1' },
  { source: 'query', path: '.query.sort', value: 'id' },
  {
    source: 'header',
    path: '.headers.user-agent',
    value: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36',
  },
  { source: 'header', path: '.headers.accept', value: '*/*' },
  { source: 'header', path: '.headers.accept-language', value: 'en-US,en;q=0.9' },
  { source: 'header', path: '.headers.sec-ch-ua-mobile', value: '?0' },
  { source: 'cookie', path: '.cookies.theme', value: 'dark' },
];

const DIALECTS: readonly SqlDialect[] = ['postgresql', 'mysql', 'sqlite'];

/** Confusion counts per dialect and shape, printed at the end; each test asserts its own cases. */
const counts = new Map<string, { tp: number; fn: number; fp: number; tn: number; excluded: number }>();
function count(
  dialect: SqlDialect,
  shape: string,
): { tp: number; fn: number; fp: number; tn: number; excluded: number } {
  const key = `${dialect} ${shape}`;
  let entry = counts.get(key);
  if (entry === undefined) {
    entry = { tp: 0, fn: 0, fp: 0, tn: 0, excluded: 0 };
    counts.set(key, entry);
  }
  return entry;
}

function check(dialect: SqlDialect, query: string, value: string): RequestInput[] {
  const target: RequestInput = { source: 'query', path: '.query.q', value };
  const found = findInjections(query, dialect, [...BACKGROUND, target]);
  expect(
    found.filter((input) => input !== target),
    `background reported for ${query}`,
  ).toEqual([]);
  return found;
}

function injectsIn(payload: Payload, context: Context): boolean {
  if (context === 'parameter') return false;
  const where = context === 'string' ? 'string' : 'numeric';
  return payload.contexts.includes(where);
}

function isExcluded(payload: Payload, dialect: SqlDialect, shape: Shape): boolean {
  const where = shape.context === 'string' ? 'string' : 'numeric';
  return (
    payload.excluded?.some(
      (entry) =>
        entry.dialect === dialect && entry.context === where && (entry.shape ?? shape.name) === shape.name,
    ) ?? false
  );
}

describe.each(DIALECTS)('SQL injection corpus, %s', (dialect) => {
  it.each(SHAPES.map((shape) => [shape.name, shape] as const))(
    'payloads concatenated into the %s shape',
    (_name, shape) => {
      const entry = count(dialect, shape.name);
      const wrong: string[] = [];
      for (const payload of payloads) {
        const placed = payload.decode === true ? decodeURIComponent(payload.value) : payload.value;
        const query = shape.build(placed, dialect);
        const found = check(dialect, query, payload.value).length > 0;
        if (isExcluded(payload, dialect, shape)) {
          entry.excluded++;
          if (found) wrong.push(`excluded payload reported: ${query}`);
        } else if (injectsIn(payload, shape.context)) {
          if (found) entry.tp++;
          else entry.fn++;
          if (!found) wrong.push(`missed ${payload.kind}: ${query}`);
        } else {
          if (found) entry.fp++;
          else entry.tn++;
          if (found) wrong.push(`payload that stays a value reported: ${query}`);
        }
      }
      expect(wrong).toEqual([]);
    },
  );

  it.each(SHAPES.map((shape) => [shape.name, shape] as const))(
    'benign inputs placed properly in the %s shape',
    (_name, shape) => {
      const entry = count(dialect, shape.name);
      const wrong: string[] = [];
      for (const input of benign) {
        const fits =
          shape.context === 'parameter' ||
          (shape.context === 'string' && input.contexts.includes('string')) ||
          (shape.context === 'numeric' && input.contexts.includes('numeric')) ||
          (shape.context === 'identifier' && input.contexts.includes('identifier'));
        if (!fits) continue;
        const query = shape.build(
          shape.context === 'string' ? escaped(input.value, dialect) : input.value,
          dialect,
        );
        const found = check(dialect, query, input.value).length > 0;
        if (found) entry.fp++;
        else entry.tn++;
        if (found) wrong.push(`benign ${input.kind} reported: ${query}`);
      }
      expect(wrong).toEqual([]);
    },
  );
});

afterAll(() => {
  const rows = [...counts].map(([key, c]) => {
    const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
    const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
    return `${key.padEnd(26)} tp=${String(c.tp).padStart(3)} fn=${c.fn} fp=${c.fp} tn=${String(c.tn).padStart(3)} excluded=${c.excluded} precision=${precision.toFixed(3)} recall=${recall.toFixed(3)}`;
  });
  console.log(
    `SQL injection corpus (${payloads.length} payloads, ${benign.length} benign inputs)\n${rows.join('\n')}`,
  );
});

describe('corpora', () => {
  it('hold at least 60 payloads over every attack class and at least 60 benign inputs', () => {
    expect(payloads.length).toBeGreaterThanOrEqual(60);
    expect(benign.length).toBeGreaterThanOrEqual(60);
    const kinds = new Set(payloads.map((payload) => payload.kind));
    for (const kind of [
      'union',
      'boolean',
      'time',
      'stacked',
      'comment',
      'error',
      'encoded',
      'spacing',
      'case',
    ]) {
      expect(kinds).toContain(kind);
    }
  });
});
