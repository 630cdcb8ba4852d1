import {
  InstrumentationNodeModuleDefinition,
  InstrumentationNodeModuleFile,
} from '@opentelemetry/instrumentation';
import { guard } from '@secotel/sdk';
import { SecotelInstrumentation } from '@secotel/sdk/instrumentation';
import { instrumentationId } from '../instrumentation-id';
import {
  type Session,
  type SessionRequest,
  sessionDestroying,
  sessionGenerating,
  sessionLoaded,
  sessionSaving,
  sessionTouched,
} from './session-lifecycle';

type Generate = (this: unknown, req: SessionRequest) => unknown;
type CreateSession = (this: unknown, req: SessionRequest, data: unknown) => Session;
type SessionMethod = (this: Session, ...args: unknown[]) => unknown;
interface StoreClass {
  prototype: { createSession: CreateSession };
}
interface SessionClass {
  prototype: Record<'save' | 'destroy' | 'touch', SessionMethod>;
}

const SUPPORTED = ['>=1.17 <2'];

/**
 * express-session keeps its middleware's state in a closure, and `import session from 'express-session'` is
 * not seen by require-in-the-middle; its store and session classes are files index.js requires, so they are
 * what is patched, for `require` and `import` alike:
 * - store.generate, which the middleware assigns to its store, makes every new session;
 * - Store#createSession inflates every session loaded from the store;
 * - Session#save, #destroy and #touch are the rest of the lifecycle (regenerate is destroy + generate).
 */
class ExpressSessionInstrumentation extends SecotelInstrumentation {
  constructor() {
    super(...instrumentationId('express-session'), {});
  }

  protected override init() {
    return new InstrumentationNodeModuleDefinition('express-session', SUPPORTED, undefined, undefined, [
      new InstrumentationNodeModuleFile(
        'express-session/session/store.js',
        SUPPORTED,
        (Store: StoreClass) => {
          this.interceptGenerate(Store.prototype);
          this._wrap(Store.prototype, 'createSession', wrapCreateSession as never);
          return Store;
        },
        (Store: StoreClass) => this._unwrap(Store.prototype, 'createSession'),
      ),
      new InstrumentationNodeModuleFile(
        'express-session/session/session.js',
        SUPPORTED,
        (Session: SessionClass) => {
          this._wrap(Session.prototype, 'save', before('save', sessionSaving) as never);
          this._wrap(Session.prototype, 'destroy', before('destroy', sessionDestroying) as never);
          this._wrap(Session.prototype, 'touch', after('touch', sessionTouched) as never);
          return Session;
        },
        (Session: SessionClass) => {
          for (const method of ['save', 'destroy', 'touch'] as const) this._unwrap(Session.prototype, method);
        },
      ),
    ]);
  }

  /**
   * The middleware sets `store.generate = function (req) {...}` on its store instance; an accessor on the Store
   * prototype (which every store extends) wraps each function assigned.
   */
  private interceptGenerate(prototype: object): void {
    const enabled = () => this.isEnabled();
    Object.defineProperty(prototype, 'generate', {
      configurable: true,
      get(this: object) {
        return generates.get(this);
      },
      set(this: object, generate: Generate) {
        generates.set(this, wrapGenerate(generate, enabled));
      },
    });
  }
}

/**
 * Each store's generate, wrapped. Stores depend on the accessor, so disabling leaves it in place and the
 * wrapper passes calls straight through instead.
 */
const generates = new WeakMap<object, Generate>();

function wrapGenerate(original: Generate, enabled: () => boolean): Generate {
  return function generate(this: unknown, req) {
    if (enabled()) guard('express-session.generate', () => sessionGenerating(req));
    return original.call(this, req);
  };
}

function wrapCreateSession(original: CreateSession): CreateSession {
  return function createSession(this: unknown, req, data) {
    const session = original.call(this, req, data);
    guard('express-session.createSession', () => sessionLoaded(req, session));
    return session;
  };
}

function before(name: string, hook: (session: Session) => void) {
  return (original: SessionMethod): SessionMethod =>
    function (this: Session, ...args) {
      guard(`express-session.${name}`, () => hook(this));
      return original.apply(this, args);
    };
}

function after(name: string, hook: (session: Session) => void) {
  return (original: SessionMethod): SessionMethod =>
    function (this: Session, ...args) {
      const result = original.apply(this, args);
      guard(`express-session.${name}`, () => hook(this));
      return result;
    };
}

let instrumentation: ExpressSessionInstrumentation | undefined;

/** Reports sessions created, renewed, ended (logout, timeout) and expired or unknown session ids presented again. */
export function enableExpressSession(): void {
  instrumentation ??= new ExpressSessionInstrumentation();
  instrumentation.enable();
}
