import { basename } from 'node:path';
import {
  InstrumentationNodeModuleDefinition,
  InstrumentationNodeModuleFile,
} from '@opentelemetry/instrumentation';
import { guard } from '@secotel/sdk';
import { SecotelInstrumentation } from '@secotel/sdk/instrumentation';
import { type DbTarget, type QueryOutcome, StatementObservation } from './facts';
import { instrumentationId } from './instrumentation-id';

type Method = (this: object, ...args: unknown[]) => unknown;
type Prototype = Record<string, unknown>;
type RunMethod = 'run' | 'get' | 'all' | 'iterate';
type Wrap = (prototype: Prototype, name: string, wrapper: (original: Method) => Method) => void;

const RUN_METHODS: readonly RunMethod[] = ['run', 'get', 'all', 'iterate'];
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
class SqliteHooks {
  /**
   * The database of each prepared statement whose runs may be facts (a privilege word or a sensitive table in
   * its text). Only those are kept: a WeakSet entry per ordinary statement would cost more than the statement.
   * A statement prepared before the instrumentation was enabled is not watched.
   */
  private readonly watched = new WeakMap<object, object>();
  /** Each database's target, read once (the file name is a native call). */
  private readonly targets = new WeakMap<object, DbTarget>();

  constructor(private readonly flavor: Flavor) {}

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
      const observation = guard(hook, () => StatementObservation.begin(() => hooks.target(this), args[0]));
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
        typeof text === 'string' ? StatementObservation.watch(text) : undefined,
      );
      const observation = guard(hook, () =>
        StatementObservation.begin(() => hooks.target(this), text, undefined, { watch: watch ?? null }),
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

// --- node:sqlite -----------------------------------------------------------------------------------------

const NODE_SQLITE = new SqliteHooks({
  name: 'node-sqlite',
  statementText: (statement) => (statement as { sourceSQL?: unknown }).sourceSQL,
  location: (database) => (database as { location?: () => string | null }).location?.() ?? undefined,
});
/** Module names the ESM loader hook must intercept: `import ... from 'node:sqlite'`. */
export const NODE_SQLITE_MODULES = ['node:sqlite'] as const;

interface NodeSqliteModule {
  DatabaseSync: { prototype: Prototype };
  StatementSync: { prototype: Prototype };
}

/**
 * node:sqlite is patched when the application loads it (require and import both go through the
 * module hooks), not at start-up: loading it prints an ExperimentalWarning on Node 22, which an
 * application that never uses SQLite must not see. require() and import return the same builtin
 * classes, so a prototype already patched through one is left alone by the other.
 */
class NodeSqliteInstrumentation extends SecotelInstrumentation {
  constructor() {
    super(...instrumentationId('node-sqlite'), {});
  }

  protected override init() {
    const wrap: Wrap = (prototype, name, wrapper) => {
      if (!(prototype[name] as { __wrapped?: boolean }).__wrapped)
        this._wrap(prototype, name, wrapper as never);
    };
    return new InstrumentationNodeModuleDefinition(
      'node:sqlite',
      ['*'],
      (sqlite: NodeSqliteModule) => {
        NODE_SQLITE.wrapDatabase(wrap, sqlite.DatabaseSync.prototype);
        NODE_SQLITE.wrapStatement(wrap, sqlite.StatementSync.prototype);
        return sqlite;
      },
      (sqlite: NodeSqliteModule) => {
        for (const name of ['exec', 'prepare']) this._unwrap(sqlite.DatabaseSync.prototype, name);
        for (const name of RUN_METHODS) this._unwrap(sqlite.StatementSync.prototype, name);
      },
    );
  }
}

let nodeSqlite: NodeSqliteInstrumentation | undefined;

export function enableNodeSqliteInstrumentation(): void {
  nodeSqlite ??= new NodeSqliteInstrumentation();
  nodeSqlite.enable();
}

// --- better-sqlite3 --------------------------------------------------------------------------------------

const SUPPORTED_BETTER_SQLITE3 = ['>=12 <14'];

const BETTER_SQLITE3 = new SqliteHooks({
  name: 'better-sqlite3',
  statementText: (statement) => (statement as { source?: unknown }).source,
  location: (database) => {
    const { name, memory } = database as { name?: unknown; memory?: unknown };
    return memory === true || typeof name !== 'string' || name === '' ? undefined : name;
  },
});

/**
 * better-sqlite3: Database#prepare and #exec are the functions of its lib/methods/wrappers.js, which the
 * package copies onto its Database class when it loads; wrapping them in that file (loaded with require() even
 * when the application imports the package from an ES module) covers both module systems. The native
 * Statement class is not exported, so its prototype is wrapped when the first statement is prepared.
 */
class BetterSqlite3Instrumentation extends SecotelInstrumentation {
  private statementPrototype: Prototype | undefined;

  constructor() {
    super(...instrumentationId('better-sqlite3'), {});
  }

  protected override init() {
    const wrap: Wrap = (prototype, name, wrapper) => this._wrap(prototype, name, wrapper as never);
    return [
      new InstrumentationNodeModuleDefinition(
        'better-sqlite3',
        SUPPORTED_BETTER_SQLITE3,
        undefined,
        undefined,
        [
          new InstrumentationNodeModuleFile(
            'better-sqlite3/lib/methods/wrappers.js',
            SUPPORTED_BETTER_SQLITE3,
            (wrappers: Prototype) => {
              BETTER_SQLITE3.wrapDatabase(wrap, wrappers, (statement) => {
                const prototype = Object.getPrototypeOf(statement) as Prototype;
                if (this.statementPrototype === prototype) return;
                this.statementPrototype = prototype;
                BETTER_SQLITE3.wrapStatement(wrap, prototype);
              });
              return wrappers;
            },
            (wrappers: Prototype) => {
              this._unwrap(wrappers, 'exec');
              this._unwrap(wrappers, 'prepare');
              const statement = this.statementPrototype;
              this.statementPrototype = undefined;
              if (statement !== undefined) for (const name of RUN_METHODS) this._unwrap(statement, name);
            },
          ),
        ],
      ),
    ];
  }
}

let betterSqlite3: BetterSqlite3Instrumentation | undefined;

export function enableBetterSqlite3Instrumentation(): void {
  betterSqlite3 ??= new BetterSqlite3Instrumentation();
  betterSqlite3.enable();
}
