import type { SqlDialect } from './dialects';
import { type Lexeme, statementsOf } from './lexemes';
import { memoizeByQuery } from './memo';
import { scanTables, type TableAccess } from './tables';

export interface StatementInfo {
  /** db.operation.name, upper case: SELECT, INSERT, CREATE USER, ALTER ROLE, SET ROLE, …; empty for no statement. */
  operation: string;
  /** Tables the statement reads or writes, lower case, as `name` or `schema.name`. */
  tables: string[];
  /** Each table with the operation that touches it: `INSERT INTO archive SELECT * FROM users` only reads users. */
  accesses: TableAccess[];
  /** db.query.summary: operations and tables in order of appearance, e.g. `INSERT orders SELECT cart`. */
  summary: string;
  /** GRANT, REVOKE, CREATE/ALTER/DROP USER or ROLE, ALTER … OWNER TO, SET ROLE, SET PASSWORD, RENAME USER, … */
  privilegeChange: boolean;
}

/** OpenTelemetry recommends keeping db.query.summary within 255 characters. */
const MAX_SUMMARY = 255;

/** Objects whose CREATE/ALTER/DROP names the operation (`CREATE USER`); the first word of two-word ones. */
const OBJECTS = new Set([
  'TABLE',
  'INDEX',
  'VIEW',
  'USER',
  'ROLE',
  'GROUP',
  'SCHEMA',
  'DATABASE',
  'SEQUENCE',
  'FUNCTION',
  'PROCEDURE',
  'TRIGGER',
  'EXTENSION',
  'TYPE',
  'DOMAIN',
  'POLICY',
  'OWNED',
  'TABLESPACE',
  'SERVER',
  'RULE',
  'EVENT',
  'MATERIALIZED',
  'FOREIGN',
  'DEFAULT',
]);
const TWO_WORD_OBJECTS = new Set(['MATERIALIZED', 'FOREIGN', 'DEFAULT', 'EVENT']);

const PRIVILEGE_OPERATIONS = new Set([
  'GRANT',
  'REVOKE',
  'SET ROLE',
  'RESET ROLE',
  'SET SESSION AUTHORIZATION',
  'SET PASSWORD',
  'SET DEFAULT ROLE',
  'RENAME USER',
  'REASSIGN OWNED',
  'DROP OWNED',
  'ALTER DEFAULT PRIVILEGES',
  'CREATE USER',
  'ALTER USER',
  'DROP USER',
  'CREATE ROLE',
  'ALTER ROLE',
  'DROP ROLE',
  'CREATE GROUP',
  'ALTER GROUP',
  'DROP GROUP',
]);

/**
 * Describes a query: the first statement's operation; tables, privilege change and summary over all of its
 * statements, since a stacked `…; GRANT …` is as much a privilege change as one on its own.
 */
export function describeStatement(query: string, dialect: SqlDialect): StatementInfo {
  const info = describeMemoized(query, dialect);
  return { ...info, tables: [...info.tables], accesses: info.accesses.map((access) => ({ ...access })) };
}

const describeMemoized = memoizeByQuery((query: string, dialect: SqlDialect): StatementInfo => {
  const described = statementsOf(query, dialect).map(describeOne);
  return {
    operation: described[0]?.operation ?? '',
    tables: [...new Set(described.flatMap((statement) => statement.tables))],
    accesses: described.flatMap((statement) => statement.accesses),
    summary: described
      .map((statement) => statement.summary)
      .join('; ')
      .slice(0, MAX_SUMMARY),
    privilegeChange: described.some((statement) => statement.privilegeChange),
  };
});

function describeOne(lexemes: readonly Lexeme[]): StatementInfo {
  const cteNames = new Set<string>();
  const at = skipPreamble(lexemes, cteNames);
  const operation = operationAt(lexemes, at);
  const { tables, accesses, summary } = scanTables(lexemes, operation, cteNames);
  const privilegeChange =
    PRIVILEGE_OPERATIONS.has(operation) || (operation.startsWith('ALTER ') && hasOwnerTo(lexemes));
  return { operation, tables, accesses, summary, privilegeChange };
}

/** Skips opening parentheses and a WITH list, collecting the common-table-expression names, which are no tables. */
function skipPreamble(lexemes: readonly Lexeme[], cteNames: Set<string>): number {
  let i = 0;
  while (lexemes[i]?.word === '(') i++;
  if (lexemes[i]?.word !== 'WITH') return i;
  i++;
  if (lexemes[i]?.word === 'RECURSIVE') i++;
  while (i < lexemes.length) {
    cteNames.add((lexemes[i] as Lexeme).name);
    i++;
    if (lexemes[i]?.word === '(') i = afterParentheses(lexemes, i);
    while (i < lexemes.length && lexemes[i]?.word !== '(') i++;
    i = afterParentheses(lexemes, i);
    if (lexemes[i]?.word !== ',') break;
    i++;
  }
  return i;
}

function afterParentheses(lexemes: readonly Lexeme[], open: number): number {
  let depth = 0;
  for (let i = open; i < lexemes.length; i++) {
    const { word, kind } = lexemes[i] as Lexeme;
    if (kind !== 'operator') continue;
    if (word === '(') depth++;
    else if (word === ')' && --depth === 0) return i + 1;
  }
  return lexemes.length;
}

function operationAt(lexemes: readonly Lexeme[], at: number): string {
  const keyword = lexemes[at];
  if (keyword?.kind !== 'word') return '';
  const next = (offset: number): string => lexemes[at + offset]?.word ?? '';
  switch (keyword.word) {
    case 'CREATE':
    case 'ALTER':
    case 'DROP': {
      // Modifiers and MySQL's DEFINER = … come before the object: CREATE OR REPLACE TEMP VIEW, CREATE UNIQUE INDEX.
      for (let offset = 1; offset < 8; offset++) {
        const object = next(offset);
        if (!OBJECTS.has(object)) continue;
        return `${keyword.word} ${object}${TWO_WORD_OBJECTS.has(object) ? ` ${next(offset + 1)}` : ''}`;
      }
      return keyword.word;
    }
    case 'SET': {
      const scoped = next(1) === 'LOCAL' || (next(1) === 'SESSION' && next(2) === 'ROLE') ? 2 : 1;
      const what = next(scoped);
      if (what === 'ROLE' || what === 'PASSWORD') return `SET ${what}`;
      if (what === 'SESSION' && next(scoped + 1) === 'AUTHORIZATION') return 'SET SESSION AUTHORIZATION';
      if (what === 'DEFAULT' && next(scoped + 1) === 'ROLE') return 'SET DEFAULT ROLE';
      return 'SET';
    }
    case 'RESET':
      return next(1) === 'ROLE' ? 'RESET ROLE' : 'RESET';
    case 'RENAME':
      return next(1) === 'USER' ? 'RENAME USER' : 'RENAME';
    case 'REASSIGN':
      return 'REASSIGN OWNED';
    default:
      return keyword.word;
  }
}

/** `ALTER TABLE t OWNER TO r`, `ALTER DATABASE d OWNER TO r`: ownership moves to another role. */
function hasOwnerTo(lexemes: readonly Lexeme[]): boolean {
  return lexemes.some((lexeme, i) => lexeme.word === 'OWNER' && lexemes[i + 1]?.word === 'TO');
}
