import type { Lexeme } from './lexemes';

/** Statements whose summary follows each table with the operation that touches it: `INSERT orders SELECT cart`. */
const DML = new Set(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'REPLACE', 'MERGE']);
/** Statements where `ON` names a table rather than a join condition. */
const ON_TABLE = new Set([
  'GRANT',
  'REVOKE',
  'CREATE INDEX',
  'CREATE TRIGGER',
  'DROP TRIGGER',
  'CREATE POLICY',
  'ALTER POLICY',
  'DROP POLICY',
]);
/** Words that may come between a table keyword and the name: `FROM ONLY t`, `DROP TABLE IF EXISTS t`. */
const BEFORE_NAME = new Set(['ONLY', 'LATERAL', 'IF', 'NOT', 'EXISTS', 'TABLE']);
/** Words that stand where a table could but are not one: `INTO OUTFILE`, `GRANT … ON DATABASE`, `FROM DUAL`. */
const NOT_TABLES = new Set([
  'SELECT',
  'VALUES',
  'WITH',
  'SET',
  'WHERE',
  'ON',
  'USING',
  'DEFAULT',
  'OUTFILE',
  'DUMPFILE',
  'DUAL',
  'DATABASE',
  'SCHEMA',
  'FUNCTION',
  'PROCEDURE',
  'ROUTINE',
  'ALL',
  'SEQUENCE',
  'LANGUAGE',
  'TYPE',
  'DOMAIN',
  'FOREIGN',
  'LARGE',
  'TABLESPACE',
]);
/** Words that open a query inside parentheses, where FROM names tables again. */
const QUERY_STARTS = new Set(['SELECT', 'WITH', 'VALUES']);
/** `FOR UPDATE`, `ON DUPLICATE KEY UPDATE`, `ON CONFLICT DO UPDATE`: no table follows. */
const NOT_UPDATE_STATEMENTS = new Set(['FOR', 'KEY', 'DO']);
/** Words that end a list of tables, after which a comma no longer introduces one. */
const LIST_ENDS = new Set([
  'WHERE',
  'GROUP',
  'ORDER',
  'HAVING',
  'LIMIT',
  'OFFSET',
  'FETCH',
  'UNION',
  'EXCEPT',
  'INTERSECT',
  'RETURNING',
  'SET',
  'VALUES',
  'SELECT',
  'WINDOW',
  'FOR',
  'TO',
  'INTO',
  'CASCADE',
  'RESTRICT',
]);

/** A table and the operation that touches it. */
export interface TableAccess {
  readonly table: string;
  readonly operation: string;
}

interface TableScan {
  /** Distinct tables in order of appearance, lower case, `name` or `schema.name`. */
  readonly tables: string[];
  /** Each table with the operation that touches it, e.g. SELECT for the source of an INSERT … SELECT. */
  readonly accesses: TableAccess[];
  /** The statement's db.query.summary. */
  readonly summary: string;
}

/**
 * Finds the tables a statement reads or writes: after FROM, JOIN, INTO, UPDATE, TABLE, TRUNCATE and USING (and
 * ON in GRANT, REVOKE and CREATE INDEX), leaving out common-table-expression names, functions in FROM and the
 * FROM inside EXTRACT(… FROM …) and other function calls.
 */
export function scanTables(
  lexemes: readonly Lexeme[],
  operation: string,
  cteNames: ReadonlySet<string>,
): TableScan {
  const tables: string[] = [];
  const accesses: TableAccess[] = [];
  const parts: string[] = [];
  const dml = DML.has(operation);
  let pendingOperation = operation;
  const add = (name: string): void => {
    if (cteNames.has(name)) return;
    if (!tables.includes(name)) tables.push(name);
    const touch = dml ? pendingOperation : operation;
    if (!accesses.some((access) => access.table === name && access.operation === touch)) {
      accesses.push({ table: name, operation: touch });
    }
    if (!dml && parts.length === 0) parts.push(operation);
    if (dml && pendingOperation !== lastOperation(parts)) parts.push(pendingOperation);
    if (parts.at(-1) !== name) parts.push(name);
  };
  const reader = new TableReader(lexemes, add);
  // Per open parenthesis: whether it holds a query, where FROM names tables, or a call such as EXTRACT(…).
  const parens: boolean[] = [];
  // Per parenthesis depth: whether a list of tables is open there, so that a comma introduces the next one
  // (`FROM a JOIN b ON … , c`, `DROP TABLE a, b`).
  const lists: boolean[] = [false];
  const grants = operation === 'GRANT' || operation === 'REVOKE';
  for (let i = 0; i < lexemes.length; i++) {
    const { kind, word } = lexemes[i] as Lexeme;
    if (kind === 'operator') {
      if (word === '(') {
        parens.push(QUERY_STARTS.has(lexemes[i + 1]?.word ?? ''));
        lists.push(false);
      } else if (word === ')') {
        parens.pop();
        if (lists.length > 1) lists.pop();
      } else if (word === ',' && lists.at(-1) === true) {
        reader.one(i + 1, false);
      }
      continue;
    }
    if (kind !== 'word') continue;
    if (dml && DML.has(word)) pendingOperation = word;
    if (LIST_ENDS.has(word)) lists[lists.length - 1] = false;
    const previous = lexemes[i - 1]?.word ?? '';
    const opensList =
      (word === 'FROM' && !grants && parens.at(-1) !== false && !isDistinctFrom(lexemes, i)) ||
      word === 'TABLE' ||
      word === 'USING' ||
      (word === 'TRUNCATE' && lexemes[i + 1]?.word !== 'TABLE') ||
      (word === 'ON' && ON_TABLE.has(operation)) ||
      (word === 'UPDATE' && !NOT_UPDATE_STATEMENTS.has(previous));
    if (opensList) {
      lists[lists.length - 1] = true;
      reader.one(i + 1, word !== 'FROM');
    } else if (word === 'JOIN' || word === 'INTO') {
      reader.one(i + 1, word === 'INTO');
    }
  }
  return { tables, accesses, summary: (parts.length > 0 ? parts : [operation]).join(' ') };
}

function lastOperation(parts: readonly string[]): string | undefined {
  return parts.findLast((part) => DML.has(part));
}

/** `a IS [NOT] DISTINCT FROM b` compares values; no table follows. */
function isDistinctFrom(lexemes: readonly Lexeme[], from: number): boolean {
  return lexemes[from - 1]?.word === 'DISTINCT' && ['IS', 'NOT'].includes(lexemes[from - 2]?.word ?? '');
}

class TableReader {
  constructor(
    private readonly lexemes: readonly Lexeme[],
    private readonly add: (name: string) => void,
  ) {}

  /**
   * Reads one (possibly qualified) table name at `at`, if one is there.
   * A name followed by `(` is a function (`FROM generate_series(1, 3)`) unless it takes a column list (INTO).
   */
  one(at: number, columnList: boolean): void {
    const { lexemes } = this;
    let i = at;
    while (lexemes[i]?.kind === 'word' && BEFORE_NAME.has(lexemes[i]?.word ?? '')) i++;
    const first = lexemes[i];
    if (first === undefined || !isName(first)) return;
    const parts = [first.name];
    i++;
    while (lexemes[i]?.word === '.' && lexemes[i + 1] !== undefined) {
      const part = lexemes[i + 1] as Lexeme;
      if (!isName(part) && part.word !== '*') break;
      parts.push(part.word === '*' ? '*' : part.name);
      i += 2;
    }
    if (!columnList && lexemes[i]?.word === '(') return;
    if (!parts.includes('*')) this.add(parts.join('.'));
  }
}

function isName(lexeme: Lexeme): boolean {
  return lexeme.kind === 'quoted' || (lexeme.kind === 'word' && !NOT_TABLES.has(lexeme.word));
}
