// The wrappers of Mysql2Instrumentation (mysql2-instrumentation.ts), loaded when mysql2 is first required.
import { guard } from '@secotel/sdk';
import { issuingContext } from './caller-context';
import { type DbTarget, type QueryOutcome, reportLoginFailure, StatementObservation } from './facts';
import type { SensitiveTables } from './sensitive-tables';

export { wrapPoolAcquire, wrapPoolQuery } from './caller-context';

type Callback = (this: unknown, ...args: unknown[]) => unknown;

interface Mysql2Connection {
  config?: { database?: string; host?: string; port?: number; user?: string; socketPath?: string };
  authorized?: boolean;
  _isMariaDB?: boolean;
}
interface Mysql2Command {
  onResult?: Callback;
}
type Method = (this: Mysql2Connection, ...args: unknown[]) => unknown;
type NotifyError = (this: Mysql2Connection, error: unknown) => unknown;

/** Login failures already reported: mysql2 notifies the same fatal error to each queued command. */
const reported = new WeakSet<object>();

function targetOf(connection: Mysql2Connection): DbTarget {
  const config = connection.config ?? {};
  return {
    system: connection._isMariaDB === true ? 'mariadb' : 'mysql',
    dialect: 'mysql',
    namespace: config.database || undefined,
    serverAddress: config.socketPath ?? config.host ?? 'localhost',
    serverPort: config.socketPath === undefined ? (config.port ?? 3306) : undefined,
  };
}

/** The statement as the application wrote it (placeholders, not the values mysql2 formats into it). */
function statementText(sql: unknown): unknown {
  if (typeof sql === 'string') return sql;
  if (typeof sql === 'object' && sql !== null) return (sql as { sql?: unknown }).sql;
  return undefined;
}

/** Connection#query or #execute (`hook` names it), watching for the sensitive tables `tables()` returns. */
export function statementWrapper(hook: string, tables: () => SensitiveTables) {
  return (original: Method): Method =>
    function statement(this: Mysql2Connection, ...args) {
      const observation = guard(hook, () =>
        StatementObservation.begin(() => targetOf(this), statementText(args[0]), tables(), issuingContext()),
      );
      if (observation === undefined) return original.apply(this, args);
      // A callback argument is wrapped before the call: execute() hands it to its prepare step too, whose
      // failure (a syntax error) never goes through the command's onResult.
      const last = args.length - 1;
      const callback = args[last];
      if (last > 0 && typeof callback === 'function') {
        args[last] = function (this: unknown, error: unknown, result: unknown, ...more: unknown[]) {
          guard(`${hook}.result`, () => observation.finish(error, outcomeOf(result)));
          return (callback as Callback).call(this, error, result, ...more);
        };
        return original.apply(this, args);
      }
      const command = original.apply(this, args) as Mysql2Command | undefined;
      guard(hook, () => observeOutcome(command, observation));
      return command;
    };
}

/** A Query command built elsewhere (by a pool) carries its callback as onResult. */
function observeOutcome(command: Mysql2Command | undefined, observation: StatementObservation): void {
  const onResult = command?.onResult;
  if (command === undefined || typeof onResult !== 'function') return;
  command.onResult = function (this: unknown, error: unknown, result: unknown, ...more: unknown[]) {
    guard('mysql2.result', () => observation.finish(error, outcomeOf(result)));
    return onResult.call(this, error, result, ...more);
  };
}

function outcomeOf(result: unknown): QueryOutcome {
  if (Array.isArray(result)) {
    // Rows of one SELECT, or one result per statement of a multi-statement text (then the last one counts).
    const last = result[result.length - 1];
    if (result.length > 0 && (Array.isArray(last) || isHeader(last))) return outcomeOf(last);
    return { returnedRows: result.length };
  }
  if (isHeader(result)) return { affectedRows: result.affectedRows };
  return {};
}

function isHeader(value: unknown): value is { affectedRows: number } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { affectedRows?: unknown }).affectedRows === 'number'
  );
}

export function wrapNotifyError(original: NotifyError): NotifyError {
  return function notifyError(this: Mysql2Connection, error) {
    if (this.authorized !== true && typeof error === 'object' && error !== null && !reported.has(error)) {
      guard('mysql2.connect', () => {
        reported.add(error);
        reportLoginFailure({ target: targetOf(this), user: this.config?.user, error });
      });
    }
    return original.call(this, error);
  };
}
