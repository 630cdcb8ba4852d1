import { security } from '@secotel/sdk';
import { ExpiryBook } from './expiry-book';
import { emitForSession, enterSession } from './session-facts';

export interface SessionRequest {
  sessionID?: unknown;
  session?: Session | null;
  headers?: unknown;
}
export interface Session {
  readonly id: string;
  readonly req: SessionRequest;
  cookie?: { expires?: unknown };
}

/** What is known about the request's current req.session. */
interface SessionState {
  /** The store holds it: it was loaded from the store, or saved during this request. */
  stored: boolean;
  /** It replaced a stored session through regenerate(), so its first save is a renewal, not a new session. */
  renews: boolean;
}

const states = new WeakMap<SessionRequest, SessionState>();
const expiries = new ExpiryBook();

/** Store#createSession: the id the request presented named a stored session (Store#load passes no request). */
export function sessionLoaded(req: SessionRequest, session: Session): void {
  if (typeof req.headers !== 'object') return;
  states.set(req, { stored: true, renews: false });
  expiries.remember(session.id, session.cookie?.expires);
  enterSession(session.id);
}

/**
 * store.generate(req) makes a new session: for a request without a validly signed session cookie, for one
 * whose id the store did not return, and inside regenerate(). Runs before the new id replaces the old one.
 */
export function sessionGenerating(req: SessionRequest): void {
  const previousId = req.sessionID;
  if (req.session == null) {
    if (typeof previousId === 'string') unknownSessionPresented(previousId);
    states.set(req, { stored: false, renews: false });
    return;
  }
  if (typeof previousId === 'string') expiries.forget(previousId);
  states.set(req, { stored: false, renews: states.get(req)?.stored === true });
}

/** express-session only signs ids it generated, so a valid signature on an id the store lacks is reuse. */
function unknownSessionPresented(id: string): void {
  const timedOut = expiries.takeTimedOut(id, Date.now());
  emitForSession(id, () => {
    if (timedOut) security.sessionExpired({ 'security.reason': 'timeout' });
    security.sessionUseAfterExpire();
  });
}

/** Session#save: a new session becomes real when it is first saved (express-session then sets its cookie). */
export function sessionSaving(session: Session): void {
  const state = stateOfCurrent(session);
  if (state === undefined) return;
  expiries.remember(session.id, session.cookie?.expires);
  if (state.stored) return;
  state.stored = true;
  emitForSession(session.id, () => (state.renews ? security.sessionRenewed() : security.sessionCreated()));
}

/** Session#touch moved the expiry of a stored session. */
export function sessionTouched(session: Session): void {
  if (stateOfCurrent(session)?.stored) expiries.remember(session.id, session.cookie?.expires);
}

/** Session#destroy of a stored session is a logout; destroying one that was never saved ends nothing. */
export function sessionDestroying(session: Session): void {
  const state = stateOfCurrent(session);
  if (!state?.stored) return;
  state.stored = false;
  expiries.forget(session.id);
  emitForSession(session.id, () => security.sessionExpired({ 'security.reason': 'logout' }));
}

/** The state of the request's current session; undefined for a session object the request no longer holds. */
function stateOfCurrent(session: Session): SessionState | undefined {
  return session.req?.session === session ? states.get(session.req) : undefined;
}
