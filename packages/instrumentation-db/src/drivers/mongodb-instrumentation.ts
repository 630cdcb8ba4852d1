import {
  InstrumentationNodeModuleDefinition,
  InstrumentationNodeModuleFile,
} from '@opentelemetry/instrumentation';
import { lazily } from '@secotel/sdk/instrumentation';
import { DbInstrumentation, type DbInstrumentationConfig } from './db-instrumentation';

type Prototype = Record<string, unknown>;

interface ConnectionModule {
  Connection: { prototype: Prototype };
}

/**
 * Connection#command has been the one path of every command since driver 6.0. mongoose 8 and 9 bundle their
 * own copy of the driver (6 and 7) in their node_modules; a file definition matches it there as anywhere.
 */
const SUPPORTED = ['>=6 <8'];

const wrappers = lazily(() => require('./mongodb') as typeof import('./mongodb'));

/**
 * The MongoDB driver (6 and 7, and mongoose 8 and 9 through the driver they bundle): every command, login steps
 * included, goes through Connection#command, an async method, so one hook sees the command document as the
 * server will get it and its outcome, in the caller's async context. The driver's main module requires that
 * file, so require hooks see it when the application imports the driver from an ES module too.
 */
export class MongodbInstrumentation extends DbInstrumentation {
  /**
   * Every copy of the driver loaded (the application's, each mongoose's): OpenTelemetry's base class keeps only
   * the last one a file definition saw, and would leave the others patched on disable().
   */
  private readonly connections = new Set<Prototype>();

  constructor(config: DbInstrumentationConfig = {}) {
    super('mongodb', config);
  }

  protected override init() {
    return [
      new InstrumentationNodeModuleDefinition('mongodb', SUPPORTED, undefined, undefined, [
        new InstrumentationNodeModuleFile(
          'mongodb/lib/cmap/connection.js',
          SUPPORTED,
          (exports: ConnectionModule) => {
            this.connections.add(exports.Connection.prototype);
            const wrapper = wrappers().commandWrapper(() => this.sensitiveTables());
            for (const prototype of this.connections) this._wrap(prototype, 'command', wrapper as never);
            return exports;
          },
          () => {
            for (const prototype of this.connections) this._unwrap(prototype, 'command');
          },
        ),
      ]),
    ];
  }
}
