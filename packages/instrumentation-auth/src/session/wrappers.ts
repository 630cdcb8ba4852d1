// The wrappers of ExpressSessionInstrumentation (session-instrumentation.ts), loaded when express-session is
// first required.
import { guard } from '@secotel/sdk';
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

/**
 * Each store's generate, wrapped. Stores depend on the accessor, so disabling leaves it in place and the
 * wrapper passes calls straight through instead.
 */
const generates = new WeakMap<object, Generate>();

/**
 * The middleware sets `store.generate = function (req) {...}` on its store instance; an accessor on the Store
 * prototype (which every store extends) wraps each function assigned.
 */
export function interceptGenerate(prototype: object, enabled: () => boolean): void {
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

function wrapGenerate(original: Generate, enabled: () => boolean): Generate {
  return function generate(this: unknown, req) {
    if (enabled()) guard('express-session.generate', () => sessionGenerating(req));
    return original.call(this, req);
  };
}

export function wrapCreateSession(original: CreateSession): CreateSession {
  return function createSession(this: unknown, req, data) {
    const session = original.call(this, req, data);
    guard('express-session.createSession', () => sessionLoaded(req, session));
    return session;
  };
}

/** Session#save and #destroy are reported before they run, #touch after. */
export const SESSION_WRAPPERS = {
  save: before('save', sessionSaving),
  destroy: before('destroy', sessionDestroying),
  touch: after('touch', sessionTouched),
};

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
