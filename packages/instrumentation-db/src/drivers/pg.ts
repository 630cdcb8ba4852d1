// The wrappers of PgInstrumentation (pg-instrumentation.ts), loaded when pg is first required.
import { guard } from '@secotel/sdk';
import { issuingContext } from './caller-context';
import { type DbTarget, type QueryOutcome, reportLoginFailure, StatementObservation } from './facts';
import type { SensitiveTables } from './sensitive-tables';

export { wrapPoolAcquire, wrapPoolQuery } from './caller-context';

type Callback = (this: unknown, ...args: unknown[]) => unknown;

interface PgQuery {
  text?: unknown;
  submit?: unknown;
  callback?: Callback;
  once?: (event: string, listener: (...args: never[]) => void) => unknown;
}
interface PgClient {
  user?: string;
  database?: string;
  host?: string;
  port?: number;
  _queryQueue?: PgQuery[];
  _getActiveQuery?: () => PgQuery | null;
}
interface PgResult {
  command?: string;
  rowCount?: number | null;
  rows?: unknown[];
}
type Query = (this: PgClient, config: unknown, ...rest: unknown[]) => unknown;
type Connect = (this: PgClient, callback: Callback) => unknown;

function targetOf(client: PgClient): DbTarget {
  return {
    system: 'postgresql',
    dialect: 'postgresql',
    namespace: client.database,
    serverAddress: client.host,
    serverPort: client.port,
  };
}

/** Client#query, watching for the sensitive tables `tables()` returns. */
export function queryWrapper(tables: () => SensitiveTables) {
  return (original: Query): Query =>
    function query(this: PgClient, config, ...rest) {
      const observation = guard('pg.query', () =>
        StatementObservation.begin(() => targetOf(this), queryText(config), tables(), issuingContext()),
      );
      if (observation === undefined) return original.call(this, config, ...rest);
      const queueLength = this._queryQueue?.length;
      const result = original.call(this, config, ...rest);
      guard('pg.query', () => observeOutcome(this, config, queueLength, observation));
      return result;
    };
}

function queryText(config: unknown): unknown {
  if (typeof config === 'string') return config;
  if (typeof config === 'object' && config !== null) return (config as PgQuery).text;
  return undefined;
}

/**
 * Finds the Query object pg made for this call (the one queued by it, or already active) and wraps its
 * callback, which pg calls exactly once with the error or the result, in callback and promise mode alike.
 */
function observeOutcome(
  client: PgClient,
  config: unknown,
  queueLengthBefore: number | undefined,
  observation: StatementObservation,
): void {
  let query: PgQuery | null | undefined;
  if (typeof (config as PgQuery).submit === 'function') query = config as PgQuery;
  else {
    // A pg without the queue this relies on (an older 8.x) gets the call-time facts only.
    const queue = client._queryQueue;
    if (!Array.isArray(queue) || queueLengthBefore === undefined) return;
    query = queue.length > queueLengthBefore ? queue[queue.length - 1] : activeQuery(client);
    // The Query pg made for this call carries its text: anything else is not this statement's.
    if (query?.text !== queryText(config)) return;
  }
  if (query === null || query === undefined) return;
  const callback = query.callback;
  if (typeof callback !== 'function') {
    // A Query object used as an event emitter: its 'end' carries the result. Its 'error' is left alone (a
    // listener there would keep an unhandled error from being thrown), so a failure of it is not observed.
    if (typeof query.once === 'function') {
      query.once('end', (result: unknown) =>
        guard('pg.result', () => observation.finish(undefined, outcomeOf(result))),
      );
    }
    return;
  }
  query.callback = function (this: unknown, error: unknown, result: unknown, ...more: unknown[]) {
    guard('pg.result', () => observation.finish(error, outcomeOf(result)));
    return callback.call(this, error, result, ...more);
  };
}

/** pg 8.x from 8.16 deprecates the public activeQuery getter (reading it prints a warning): use the method. */
function activeQuery(client: PgClient): PgQuery | null | undefined {
  if (typeof client._getActiveQuery === 'function') return client._getActiveQuery();
  const own = Object.getOwnPropertyDescriptor(client, 'activeQuery');
  return own !== undefined && 'value' in own ? (own.value as PgQuery | null) : undefined;
}

function outcomeOf(result: unknown): QueryOutcome {
  // Several statements in one text give one result each; the last one is the statement's outcome.
  const last = (Array.isArray(result) ? result[result.length - 1] : result) as PgResult | undefined;
  if (last === undefined || last === null) return {};
  const rowCount = typeof last.rowCount === 'number' ? last.rowCount : undefined;
  // The server's count (CommandComplete): rows are not kept when the application reads them as 'row' events.
  return {
    returnedRows: rowCount ?? (Array.isArray(last.rows) ? last.rows.length : undefined),
    affectedRows: rowCount,
  };
}

export function wrapConnect(original: Connect): Connect {
  return function connect(this: PgClient, callback) {
    if (typeof callback !== 'function') return original.call(this, callback);
    const client = this;
    return original.call(this, function (this: unknown, error: unknown, ...rest: unknown[]) {
      if (error)
        guard('pg.connect', () => reportLoginFailure({ target: targetOf(client), user: client.user, error }));
      return callback.call(this, error, ...rest);
    });
  };
}
