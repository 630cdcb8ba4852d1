import {
  InstrumentationNodeModuleDefinition,
  InstrumentationNodeModuleFile,
} from '@opentelemetry/instrumentation';
import { lazily } from '@secotel/sdk/instrumentation';
import { DbInstrumentation, type DbInstrumentationConfig } from './db-instrumentation';

type Prototype = Record<string, unknown>;

/**
 * The hooks patch lib/base/connection.js and lib/base/pool.js (BaseConnection, BasePool); a 3.x release
 * without those files is left uninstrumented. Tested with 3.24.
 */
const SUPPORTED = ['>=3 <4'];

const wrappers = lazily(() => require('./mysql2') as typeof import('./mysql2'));

/**
 * mysql2 3: Connection#query and #execute (callback API; the promise API and pools call these with a callback),
 * and the handshake's fatal error for refused logins (MySQL and MariaDB). The outcome is read by wrapping the
 * command's onResult after the driver set it up; a command in event-emitter mode (no callback) gets only the
 * call-time facts, because adding an 'error' listener would change what an unhandled error does.
 */
export class Mysql2Instrumentation extends DbInstrumentation {
  constructor(config: DbInstrumentationConfig = {}) {
    super('mysql2', config);
  }

  protected override init() {
    const connectionFile = new InstrumentationNodeModuleFile(
      'mysql2/lib/base/connection.js',
      SUPPORTED,
      (BaseConnection: { prototype: Prototype }) => {
        const tables = () => this.sensitiveTables();
        const { statementWrapper, wrapNotifyError } = wrappers();
        this._wrap(BaseConnection.prototype, 'query', statementWrapper('mysql2.query', tables) as never);
        this._wrap(BaseConnection.prototype, 'execute', statementWrapper('mysql2.execute', tables) as never);
        this._wrap(BaseConnection.prototype, '_notifyError', wrapNotifyError as never);
        return BaseConnection;
      },
      (BaseConnection: { prototype: Prototype }) => {
        for (const name of ['query', 'execute', '_notifyError']) this._unwrap(BaseConnection.prototype, name);
      },
    );
    const poolFile = new InstrumentationNodeModuleFile(
      'mysql2/lib/base/pool.js',
      SUPPORTED,
      (BasePool: { prototype: Prototype }) => {
        const { wrapPoolQuery, wrapPoolAcquire } = wrappers();
        this._wrap(BasePool.prototype, 'query', wrapPoolQuery as never);
        this._wrap(BasePool.prototype, 'execute', wrapPoolQuery as never);
        this._wrap(BasePool.prototype, 'getConnection', wrapPoolAcquire as never);
        return BasePool;
      },
      (BasePool: { prototype: Prototype }) => {
        for (const name of ['query', 'execute', 'getConnection']) this._unwrap(BasePool.prototype, name);
      },
    );
    return [
      new InstrumentationNodeModuleDefinition('mysql2', SUPPORTED, undefined, undefined, [
        connectionFile,
        poolFile,
      ]),
    ];
  }
}
