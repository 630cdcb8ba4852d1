import {
  type InstrumentationConfig,
  InstrumentationNodeModuleDefinition,
  InstrumentationNodeModuleFile,
} from '@opentelemetry/instrumentation';
import { lazily, SecotelInstrumentation } from '@secotel/sdk/instrumentation';
import { instrumentationId } from '../instrumentation-id';

interface StoreClass {
  prototype: Record<string, unknown>;
}
interface SessionClass {
  prototype: Record<string, unknown>;
}

const SUPPORTED = ['>=1.17 <2'];
const SESSION_METHODS = ['save', 'destroy', 'touch'] as const;

const wrappers = lazily(() => require('./wrappers') as typeof import('./wrappers'));

export type ExpressSessionInstrumentationConfig = InstrumentationConfig;

/**
 * Sessions created, renewed, ended (logout, timeout) and expired or unknown session ids presented again.
 * express-session keeps its middleware's state in a closure, and `import session from 'express-session'` is
 * not seen by require-in-the-middle; its store and session classes are files index.js requires, so they are
 * what is patched, for `require` and `import` alike:
 * - store.generate, which the middleware assigns to its store, makes every new session;
 * - Store#createSession inflates every session loaded from the store;
 * - Session#save, #destroy and #touch are the rest of the lifecycle (regenerate is destroy + generate).
 */
export class ExpressSessionInstrumentation extends SecotelInstrumentation<ExpressSessionInstrumentationConfig> {
  constructor(config: ExpressSessionInstrumentationConfig = {}) {
    super(...instrumentationId('express-session'), config);
  }

  protected override init() {
    return new InstrumentationNodeModuleDefinition('express-session', SUPPORTED, undefined, undefined, [
      new InstrumentationNodeModuleFile(
        'express-session/session/store.js',
        SUPPORTED,
        (Store: StoreClass) => {
          wrappers().interceptGenerate(Store.prototype, () => this.isEnabled());
          this._wrap(Store.prototype, 'createSession', wrappers().wrapCreateSession as never);
          return Store;
        },
        (Store: StoreClass) => this._unwrap(Store.prototype, 'createSession'),
      ),
      new InstrumentationNodeModuleFile(
        'express-session/session/session.js',
        SUPPORTED,
        (Session: SessionClass) => {
          for (const method of SESSION_METHODS)
            this._wrap(Session.prototype, method, wrappers().SESSION_WRAPPERS[method] as never);
          return Session;
        },
        (Session: SessionClass) => {
          for (const method of SESSION_METHODS) this._unwrap(Session.prototype, method);
        },
      ),
    ]);
  }
}
