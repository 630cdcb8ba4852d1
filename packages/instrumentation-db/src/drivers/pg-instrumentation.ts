import {
  InstrumentationNodeModuleDefinition,
  InstrumentationNodeModuleFile,
} from '@opentelemetry/instrumentation';
import { lazily } from '@secotel/sdk/instrumentation';
import { DbInstrumentation, type DbInstrumentationConfig } from './db-instrumentation';

type Prototype = Record<string, unknown>;

const SUPPORTED_PG = ['>=8 <9'];
const SUPPORTED_POOL = ['>=3 <4'];

const wrappers = lazily(() => require('./pg') as typeof import('./pg'));

/**
 * node-postgres (pg 8 with pg-pool 3): Client#query (text, config object or Query/Submittable; callback or
 * promise) and Client's connection handshake (refused logins); Pool#query goes through Client#query, with the
 * pool's caller context carried over. The outcome is read by wrapping the callback pg keeps on its Query object
 * (pg's own promise resolves from it too), so no handler is ever attached to the application's promise and an
 * unhandled rejection stays one.
 */
export class PgInstrumentation extends DbInstrumentation {
  constructor(config: DbInstrumentationConfig = {}) {
    super('pg', config);
  }

  protected override init() {
    return [
      new InstrumentationNodeModuleDefinition('pg', SUPPORTED_PG, undefined, undefined, [
        new InstrumentationNodeModuleFile(
          'pg/lib/client.js',
          SUPPORTED_PG,
          (Client: { prototype: Prototype }) => {
            const tables = () => this.sensitiveTables();
            this._wrap(Client.prototype, 'query', wrappers().queryWrapper(tables) as never);
            this._wrap(Client.prototype, '_connect', wrappers().wrapConnect as never);
            return Client;
          },
          (Client: { prototype: Prototype }) => {
            this._unwrap(Client.prototype, 'query');
            this._unwrap(Client.prototype, '_connect');
          },
        ),
      ]),
      new InstrumentationNodeModuleDefinition(
        'pg-pool',
        SUPPORTED_POOL,
        (Pool: { prototype: Prototype }) => {
          this._wrap(Pool.prototype, 'query', wrappers().wrapPoolQuery as never);
          this._wrap(Pool.prototype, 'connect', wrappers().wrapPoolAcquire as never);
          return Pool;
        },
        (Pool: { prototype: Prototype }) => {
          this._unwrap(Pool.prototype, 'query');
          this._unwrap(Pool.prototype, 'connect');
        },
      ),
    ];
  }
}
