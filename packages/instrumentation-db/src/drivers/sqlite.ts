import { basename } from 'node:path';
// The hooks of the SQLite instrumentations (sqlite-instrumentation.ts), loaded when an application first loads
// node:sqlite or better-sqlite3.
import { guard } from '@secotel/sdk';
import { type DbTarget, type QueryOutcome, StatementObservation } from './facts';
import type { SensitiveTables } from './sensitive-tables';
import { RUN_METHODS, type RunMethod } from './sqlite-methods';

type Method = (this: object, ...args: unknown[]) => unknown;
export type Prototype = Record<string, unknown>;
export type Wrap = (prototype: Prototype, name: string, wrapper: (original: Method) => Method) => void;

const ANONYMOUS: DbTarget = { system: 'sqlite', dialect: 'sqlite' };

/** How one SQLite binding shows a statement's text and a database's file. */
interface Flavor {
  readonly name: string;
  statementText(statement: object): unknown;
  /** The database file, or undefined for an in-memory database. */
  location(database: object): string | undefined;
}

/**
 * The hooks both SQLite bindings share (their APIs match: Database#exec and #prepare, Statement#run/get/all/
 * iterate, all synchronous). The statement text is checked for injected input where it is fixed, at exec and
 * prepare (a syntax error there is error-based probing); privilege and sensitive-table facts come from the
 * runs with their row counts. A hook only reads the returned value or the thrown error, which reach the
 * application unchanged.
 */
export class SqliteHooks {
  /**
   * The database of each prepared statement whose runs may be facts (a privilege word or a sensitive table in
   * its text). Only those are kept: a WeakSet entry per ordinary statement would cost more than the statement.
   * A statement prepared before the instrumentation was enabled is not watched.
   */
  private readonly watched = new WeakMap<object, object>();
  /** Each database's target, read once (the file name is a native call). */
  private readonly targets = new WeakMap<object, DbTarget>();

  constructor(
    private readonly flavor: Flavor,
    private readonly tables: () => SensitiveTables,
  ) {}

  private target(database: object | undefined): DbTarget {
    if (database === undefined) return ANONYMOUS;
    let target = this.targets.get(database);
    if (target === undefined) {
      const location = this.flavor.location(database);
      target = location === undefined ? ANONYMOUS : { ...ANONYMOUS, namespace: basename(location) };
      this.targets.set(database, target);
    }
    return target;
  }

  exec(original: Method): Method {
    const hooks = this;
    const hook = `${this.flavor.name}.exec`;
    return function exec(this: object, ...args) {
      const observation = guard(hook, () =>
        StatementObservation.begin(() => hooks.target(this), args[0], hooks.tables()),
      );
      return observed(
        hook,
        observation,
        () => original.apply(this, args),
        () => ({}),
      );
    };
  }

  /**
   * The text is checked for injected input here, where it is fixed, and what its runs may show is decided
   * once. `onStatement` sees each prepared statement (better-sqlite3's Statement class is only reachable so).
   */
  prepare(original: Method, onStatement?: (statement: object) => void): Method {
    const hooks = this;
    const hook = `${this.flavor.name}.prepare`;
    return function prepare(this: object, ...args) {
      const text = args[0];
      const watch = guard(hook, () =>
        typeof text === 'string' ? StatementObservation.watch(text, hooks.tables()) : undefined,
      );
      const observation = guard(hook, () =>
        StatementObservation.begin(() => hooks.target(this), text, hooks.tables(), undefined, {
          watch: watch ?? null,
        }),
      );
      let statement: unknown;
      try {
        statement = original.apply(this, args);
      } catch (error) {
        // Only a failure is an outcome here; a prepared statement's outcome is that of its runs.
        guard(hook, () => observation?.finish(error));
        throw error;
      }
      if (typeof statement === 'object' && statement !== null) {
        guard(hook, () => {
          if (watch !== undefined) hooks.watched.set(statement as object, this);
          onStatement?.(statement as object);
        });
      }
      return statement;
    };
  }

  run(name: RunMethod, original: Method): Method {
    const hooks = this;
    const hook = `${this.flavor.name}.${name}`;
    return function run(this: object, ...args) {
      const database = hooks.watched.get(this);
      if (database === undefined) return original.apply(this, args);
      const observation = guard(hook, () =>
        StatementObservation.begin(
          () => hooks.target(database),
          hooks.flavor.statementText(this),
          hooks.tables(),
          undefined,
          {
            checkInputs: false,
          },
        ),
      );
      return observed(
        hook,
        observation,
        () => original.apply(this, args),
        (result) => outcomeOf(name, result),
      );
    };
  }

  /** Wraps a prototype's exec, prepare and the run methods of its statements' prototype. */
  wrapDatabase(wrap: Wrap, database: Prototype, onStatement?: (statement: object) => void): void {
    wrap(database, 'exec', (original) => this.exec(original));
    wrap(database, 'prepare', (original) => this.prepare(original, onStatement));
  }

  wrapStatement(wrap: Wrap, statement: Prototype): void {
    for (const name of RUN_METHODS) wrap(statement, name, (original) => this.run(name, original));
  }
}

/** Runs a synchronous driver call and hands its outcome to the observation, if there is one. */
function observed(
  hook: string,
  observation: StatementObservation | undefined,
  call: () => unknown,
  outcome: (result: unknown) => QueryOutcome,
): unknown {
  if (observation === undefined) return call();
  let result: unknown;
  try {
    result = call();
  } catch (error) {
    guard(hook, () => observation.finish(error));
    throw error;
  }
  guard(hook, () => observation.finish(undefined, outcome(result)));
  return result;
}

function outcomeOf(name: RunMethod, result: unknown): QueryOutcome {
  switch (name) {
    case 'run': {
      const changes = (result as { changes?: unknown } | undefined)?.changes;
      return typeof changes === 'number' ? { affectedRows: changes } : {};
    }
    case 'get':
      return { returnedRows: result === undefined ? 0 : 1 };
    case 'all':
      return Array.isArray(result) ? { returnedRows: result.length } : {};
    default:
      // iterate() reads rows lazily: the count is not known when it returns.
      return {};
  }
}

export const NODE_SQLITE: Flavor = {
  name: 'node-sqlite',
  statementText: (statement) => (statement as { sourceSQL?: unknown }).sourceSQL,
  location: (database) => (database as { location?: () => string | null }).location?.() ?? undefined,
};

export const BETTER_SQLITE3: Flavor = {
  name: 'better-sqlite3',
  statementText: (statement) => (statement as { source?: unknown }).source,
  location: (database) => {
    const { name, memory } = database as { name?: unknown; memory?: unknown };
    return memory === true || typeof name !== 'string' || name === '' ? undefined : name;
  },
};
