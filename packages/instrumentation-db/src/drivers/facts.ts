import {
  errorType,
  getSecurityContext,
  type RequestInput,
  runInContext,
  type SecurityContext,
  security,
} from '@secotel/sdk';
import type { SecurityAttributes } from '@secotel/semconv';
import {
  describeStatement,
  findInjections,
  inputsInQuery,
  type SqlDialect,
  type StatementInfo,
} from '../sql';
import type { SensitiveTables } from './sensitive-tables';

/** db.system.name values: `mariadb` when the server says so, the dialect's product otherwise. */
export type DbSystem = 'postgresql' | 'mysql' | 'mariadb' | 'sqlite' | 'mongodb';

/** The server a connection talks to: filled by each driver from its connection. */
export interface DbServer {
  readonly system: DbSystem;
  readonly namespace?: string;
  readonly serverAddress?: string;
  readonly serverPort?: number;
}

/** Where a SQL statement ran. */
export interface DbTarget extends DbServer {
  readonly dialect: SqlDialect;
}

/** What a finished statement reported: rows it returned (reads) or changed (writes), when known. */
export interface QueryOutcome {
  readonly returnedRows?: number;
  readonly affectedRows?: number;
}

/** Fact names for a sensitive table's (or collection's) reads and writes. */
export type SensitiveEvent = 'sensitive_read' | 'sensitive_create' | 'sensitive_update' | 'sensitive_delete';

/** Words a privilege statement must contain; a cheap test that spares describeStatement on ordinary queries. */
const PRIVILEGE_WORDS = /\b(?:grant|revoke|role|user|owner|owned|password|authorization|privileges)\b/i;

const SENSITIVE_EVENTS: Readonly<Record<string, SensitiveEvent>> = {
  SELECT: 'sensitive_read',
  INSERT: 'sensitive_create',
  REPLACE: 'sensitive_create',
  UPDATE: 'sensitive_update',
  DELETE: 'sensitive_delete',
  TRUNCATE: 'sensitive_delete',
};

/** SQLSTATE / server error codes of a statement the server could not parse. */
const SYNTAX_ERROR_CODES = new Set<unknown>(['42601', 'ER_PARSE_ERROR', 1064]);

/** Which outcome facts a statement's text makes possible. */
interface Watch {
  /** It has a privilege word (GRANT, ROLE, USER, ...): a success may be a privilege change. */
  readonly privilege: boolean;
  /** It names a sensitive table: a success is a sensitive read or write. */
  readonly tables: boolean;
}
const NOTHING_WATCHED: Watch = { privilege: false, tables: false };

/**
 * One statement on its way through a driver. Created when the application calls the driver (in the caller's
 * request context, which it keeps), it reports the injection facts at once and the facts that depend on the
 * outcome (privilege change, sensitive rows, a syntax error) when the driver reports that outcome. All methods
 * are called by the drivers inside guard(): nothing here may reach the application.
 */
export class StatementObservation {
  private info: StatementInfo | undefined;
  private injectionReported = false;
  private finished = false;

  private constructor(
    private readonly target: DbTarget,
    private readonly query: string,
    private readonly context: SecurityContext | undefined,
    private readonly inputs: readonly RequestInput[],
    private readonly watch: Watch,
    private readonly tables: SensitiveTables,
  ) {}

  /** What in a statement's text may make its outcome a fact; undefined when nothing does (most statements). */
  static watch(query: string, sensitiveTables: SensitiveTables): Watch | undefined {
    const privilege = PRIVILEGE_WORDS.test(query);
    const tables = sensitiveTables.namedIn(query);
    return privilege || tables ? { privilege, tables } : undefined;
  }

  /**
   * Starts observing a statement; undefined when nothing about it can become a fact (no request inputs to
   * check, no privilege word, no sensitive table named in it), which is the common case and costs a few tests.
   * `target` may be a function, called only when an observation is made. `checkInputs: false` is for running a
   * statement whose text was already checked when it was prepared; `watch` passes on what watch() found.
   * `tables` are the sensitive tables of the instrumentation that sees the statement.
   */
  static begin(
    target: DbTarget | (() => DbTarget),
    query: unknown,
    tables: SensitiveTables,
    context: SecurityContext | undefined = getSecurityContext(),
    options: { readonly checkInputs?: boolean; readonly watch?: Watch | null } = {},
  ): StatementObservation | undefined {
    if (typeof query !== 'string' || query.length === 0) return undefined;
    const inputs = options.checkInputs === false ? [] : (context?.inputs?.list() ?? []);
    const watch = options.watch === undefined ? StatementObservation.watch(query, tables) : options.watch;
    if (inputs.length === 0 && (watch === undefined || watch === null)) return undefined;
    const observation = new StatementObservation(
      typeof target === 'function' ? target() : target,
      query,
      context,
      inputs,
      watch ?? NOTHING_WATCHED,
      tables,
    );
    observation.reportInjections();
    return observation;
  }

  /** The driver's outcome: an error (reported as probing when it is a syntax error) or the row counts. */
  finish(error: unknown, outcome?: QueryOutcome): void {
    if (this.finished) return;
    this.finished = true;
    if (error !== undefined && error !== null) {
      if (isSyntaxError(error)) this.reportSyntaxError(error);
      return;
    }
    if (this.watch.privilege) this.reportPrivilegeChange();
    if (this.watch.tables) this.reportSensitiveAccess(outcome ?? {});
  }

  private describe(): StatementInfo {
    this.info ??= describeStatement(this.query, this.target.dialect);
    return this.info;
  }

  private reportInjections(): void {
    if (this.inputs.length === 0) return;
    const injections = findInjections(this.query, this.target.dialect, this.inputs);
    for (const input of injections) this.reportAttack(input);
    this.injectionReported = injections.length > 0;
  }

  /** Error-based probing: the server could not parse a statement built with request input (once per query). */
  private reportSyntaxError(error: unknown): void {
    if (this.injectionReported || this.inputs.length === 0) return;
    const [input] = inputsInQuery(this.query, this.inputs);
    if (input === undefined) return;
    this.reportAttack(input, { 'security.reason': 'syntax_error', 'error.type': errorType(error) });
  }

  private reportAttack(input: RequestInput, extra: SecurityAttributes = {}): void {
    const info = this.describe();
    this.emit('input_validation_fail', {
      'security.attack.kind': 'sqli',
      'security.attack.source': input.source,
      'security.attack.path': input.path,
      'security.attack.payload': input.value,
      ...this.statementAttributes(info),
      ...extra,
    });
  }

  private reportPrivilegeChange(): void {
    const info = this.describe();
    if (!info.privilegeChange) return;
    this.emit('privilege_permissions_changed', this.statementAttributes(info));
  }

  private reportSensitiveAccess(outcome: QueryOutcome): void {
    const info = this.describe();
    // By each table's own access: `INSERT INTO archive SELECT * FROM cards` reads cards, it creates no card.
    for (const { table, operation } of info.accesses) {
      const event = SENSITIVE_EVENTS[operation.toUpperCase()];
      if (event === undefined || !this.tables.includes(table)) continue;
      const attributes: SecurityAttributes = {
        ...this.statementAttributes(info),
        'db.collection.name': table,
      };
      if (event === 'sensitive_read') attributes['db.response.returned_rows'] = outcome.returnedRows;
      else attributes['security.db.affected_rows'] = outcome.affectedRows;
      this.emit(event, attributes);
    }
  }

  private statementAttributes(info: StatementInfo): SecurityAttributes {
    return {
      'db.system.name': this.target.system,
      'db.namespace': this.target.namespace,
      'db.operation.name': info.operation,
      'db.query.summary': info.summary,
    };
  }

  private emit(name: FactName, attributes: SecurityAttributes): void {
    emitInContext(this.context, name, attributes);
  }
}

type FactName = Parameters<typeof security.emit>[0];

/**
 * Emits a fact, without its undefined attributes, in the context the statement or command was issued in (a
 * pool may call back from another request's context).
 */
export function emitInContext(
  context: SecurityContext | undefined,
  name: FactName,
  attributes: SecurityAttributes,
): void {
  const defined = withoutUndefined(attributes);
  if (context === undefined || context === getSecurityContext()) security.emit(name, defined);
  else runInContext(context, () => security.emit(name, defined));
}

/** A login the database server refused; `user` is the database user, never with its password. */
export interface LoginRefusal {
  readonly target: DbServer;
  readonly user?: string;
  readonly error: unknown;
}

/** Server codes of a refused database login, and the reason each is reported with. */
const LOGIN_FAILURES = new Map<unknown, string>([
  ['28P01', 'bad_password'],
  ['28000', 'not_authorized'],
  ['ER_ACCESS_DENIED_ERROR', 'bad_password'],
  ['ER_ACCESS_DENIED_NO_PASSWORD_ERROR', 'bad_password'],
  ['ER_DBACCESS_DENIED_ERROR', 'not_authorized'],
  ['ER_NOT_SUPPORTED_AUTH_MODE', 'not_authorized'],
  ['ER_ACCOUNT_HAS_BEEN_LOCKED', 'locked'],
  // MongoDB (and wire-compatible servers) answer every refused SASL step with code 18, AuthenticationFailed.
  ['AuthenticationFailed', 'bad_password'],
]);

/** Whether an error is a refused login: then it is reported and true is returned. */
export function reportLoginFailure(refusal: LoginRefusal): boolean {
  const code = errorCode(refusal.error);
  const reason = LOGIN_FAILURES.get(code);
  if (reason === undefined) return false;
  const { target } = refusal;
  security.emit(
    'authn_login_fail',
    withoutUndefined({
      'user.name': refusal.user,
      'security.reason': reason,
      'security.outcome': 'failure',
      'security.auth.strategy': 'database',
      'db.system.name': target.system,
      'db.namespace': target.namespace,
      'server.address': target.serverAddress,
      'server.port': target.serverPort,
      'error.type': String(code),
    }),
  );
  return true;
}

/** The server's error code; MongoDB's named one (`AuthenticationFailed`) rather than its number. */
function errorCode(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, codeName } = error as { code?: unknown; codeName?: unknown };
  return typeof codeName === 'string' ? codeName : code;
}

function isSyntaxError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, errno, message } = error as { code?: unknown; errno?: unknown; message?: unknown };
  if (SYNTAX_ERROR_CODES.has(code) || SYNTAX_ERROR_CODES.has(errno)) return true;
  // node:sqlite and better-sqlite3 report SQLITE_ERROR for every statement error; the message tells a parse error.
  return (
    (code === 'ERR_SQLITE_ERROR' || code === 'SQLITE_ERROR') &&
    typeof message === 'string' &&
    /syntax error|unrecognized token|incomplete input/.test(message)
  );
}

function withoutUndefined(attributes: SecurityAttributes): SecurityAttributes {
  const defined: SecurityAttributes = {};
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined) defined[key] = value;
  return defined;
}
