import {
  InstrumentationNodeModuleDefinition,
  InstrumentationNodeModuleFile,
} from '@opentelemetry/instrumentation';
import { importedAs, lazily } from '@secotel/sdk/instrumentation';
import { DbInstrumentation, type DbInstrumentationConfig } from './db-instrumentation';
import type { Prototype, SqliteHooks, Wrap } from './sqlite';
import { RUN_METHODS } from './sqlite-methods';

const hooksModule = lazily(() => require('./sqlite') as typeof import('./sqlite'));

interface NodeSqliteModule {
  DatabaseSync: { prototype: Prototype };
  StatementSync: { prototype: Prototype };
}

/**
 * The node:sqlite builtin: DatabaseSync#exec and #prepare, StatementSync#run/get/all/iterate. It is patched
 * when the application loads it (require and import both go through the module hooks), not at start-up:
 * loading it prints an ExperimentalWarning on Node 22, which an application that never uses SQLite must not
 * see. require() and import return the same builtin classes, patched once.
 */
export class NodeSqliteInstrumentation extends DbInstrumentation {
  private hooks?: SqliteHooks;

  constructor(config: DbInstrumentationConfig = {}) {
    super('node-sqlite', config);
  }

  protected override init() {
    // require() and import give the same classes: patching them twice re-wraps them once (see LayeredWrap).
    const wrap: Wrap = (prototype, name, wrapper) => this._wrap(prototype, name, wrapper as never);
    return importedAs(
      new InstrumentationNodeModuleDefinition(
        'node:sqlite',
        ['*'],
        (sqlite: NodeSqliteModule) => {
          const { SqliteHooks, NODE_SQLITE } = hooksModule();
          this.hooks ??= new SqliteHooks(NODE_SQLITE, () => this.sensitiveTables());
          this.hooks.wrapDatabase(wrap, sqlite.DatabaseSync.prototype);
          this.hooks.wrapStatement(wrap, sqlite.StatementSync.prototype);
          return sqlite;
        },
        (sqlite: NodeSqliteModule) => {
          for (const name of ['exec', 'prepare']) this._unwrap(sqlite.DatabaseSync.prototype, name);
          for (const name of RUN_METHODS) this._unwrap(sqlite.StatementSync.prototype, name);
        },
      ),
    );
  }
}

const SUPPORTED_BETTER_SQLITE3 = ['>=12 <14'];

/**
 * better-sqlite3 12 and 13: Database#prepare and #exec are the functions of its lib/methods/wrappers.js, which
 * the package copies onto its Database class when it loads; wrapping them in that file (loaded with require()
 * even when the application imports the package from an ES module) covers both module systems. Database.prototype
 * holds copies of them: when the application requires the package, its Database class is known and the copies
 * follow the file's functions on disable() and enable(); when it imports it, the wrappers stay there and pass
 * calls straight through once disabled (see LayeredWrap). The native Statement class is not exported, so its prototype is
 * wrapped when the first statement is prepared.
 */
export class BetterSqlite3Instrumentation extends DbInstrumentation {
  private hooks?: SqliteHooks;
  private statementPrototype: Prototype | undefined;
  private wrappersExports: Prototype | undefined;
  private databaseClass: { prototype: Prototype } | undefined;

  constructor(config: DbInstrumentationConfig = {}) {
    super('better-sqlite3', config);
  }

  protected override init() {
    const wrap: Wrap = (prototype, name, wrapper) => this._wrap(prototype, name, wrapper as never);
    return [
      new InstrumentationNodeModuleDefinition(
        'better-sqlite3',
        SUPPORTED_BETTER_SQLITE3,
        (Database: { prototype: Prototype }) => {
          this.databaseClass = Database;
          this.copyDatabaseMethods();
          return Database;
        },
        undefined,
        [
          new InstrumentationNodeModuleFile(
            'better-sqlite3/lib/methods/wrappers.js',
            SUPPORTED_BETTER_SQLITE3,
            (wrappers: Prototype) => {
              this.wrappersExports = wrappers;
              const { SqliteHooks, BETTER_SQLITE3 } = hooksModule();
              this.hooks ??= new SqliteHooks(BETTER_SQLITE3, () => this.sensitiveTables());
              const hooks = this.hooks;
              hooks.wrapDatabase(wrap, wrappers, (statement) => {
                const prototype = Object.getPrototypeOf(statement) as Prototype;
                if (this.statementPrototype === prototype) return;
                this.statementPrototype = prototype;
                hooks.wrapStatement(wrap, prototype);
              });
              this.copyDatabaseMethods();
              return wrappers;
            },
            (wrappers: Prototype) => {
              this._unwrap(wrappers, 'exec');
              this._unwrap(wrappers, 'prepare');
              const statement = this.statementPrototype;
              this.statementPrototype = undefined;
              if (statement !== undefined) for (const name of RUN_METHODS) this._unwrap(statement, name);
              this.copyDatabaseMethods();
            },
          ),
        ],
      ),
    ];
  }

  /**
   * database.js copies exec and prepare from wrappers.js onto Database.prototype: the copies follow the file's
   * functions (wrapped or not) once the class is known, i.e. once the application required the package.
   */
  private copyDatabaseMethods(): void {
    const wrappers = this.wrappersExports;
    const database = this.databaseClass;
    if (wrappers === undefined || database === undefined) return;
    for (const name of ['exec', 'prepare']) database.prototype[name] = wrappers[name];
  }
}
