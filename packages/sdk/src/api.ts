import type { EmitOptions, SecurityAttributes, SecurityEventName } from '@secotel/semconv';
// The module itself, not the package's index, which loads the attribute constants too.
import { createEventHelpers, type SecurityEventHelpers } from '@secotel/semconv/helpers';
import { getSecurityContext, type SecurityUser } from './context';
import {
  type EventRecorder,
  lookupEvent,
  rejectUnknownEvent,
  UnknownSecurityEventError,
} from './event-recorder';
import { SelfReport } from './self-report';

export interface LoginSuccess {
  userId?: string;
  /** The login as the user entered it (user name or email). */
  login?: string;
  roles?: readonly string[];
  /** How the user authenticated, e.g. `local`, `basic`, `jwt`. */
  strategy?: string;
  attributes?: SecurityAttributes;
}

export interface LoginFailure {
  login?: string;
  /** Whether the login names an existing account: tells password guessing from user enumeration. */
  userExists?: boolean;
  /** Why it failed, e.g. `bad_password`, `unknown_user`, `locked`. */
  reason?: string;
  strategy?: string;
  attributes?: SecurityAttributes;
}

export interface SecurityApi extends SecurityEventHelpers {
  /** Records one security fact by its short name (`authn_login_fail`) or EventName (`security.authn_login_fail`). */
  emit(
    name: SecurityEventName | `security.${SecurityEventName}`,
    attributes?: SecurityAttributes,
    options?: EmitOptions,
  ): void;
  /** Records a successful login and identifies the user for the rest of the request. */
  loginSuccess(login?: LoginSuccess): void;
  loginFailure(failure?: LoginFailure): void;
  /** Identifies the user for every event emitted later in the current request. */
  setUser(user: SecurityUser): void;
}

/** Where the running SDK keeps its recorder; shared through globalThis so every copy of the package agrees. */
interface SdkState {
  recorder?: EventRecorder;
  /** Problems seen while no SDK was running (events emitted before start, errors in the API itself). */
  readonly report: SelfReport;
}

const STATE_KEY = Symbol.for('secotel.sdk.state');

/** The state once looked up: every emit reads it, and a look-up on globalThis costs more than a variable. */
let processState: SdkState | undefined;

export function sdkState(): SdkState {
  if (processState !== undefined) return processState;
  const holder = globalThis as { [STATE_KEY]?: SdkState };
  holder[STATE_KEY] ??= { report: new SelfReport() };
  processState = holder[STATE_KEY];
  return processState;
}

function emit(name: unknown, attributes?: SecurityAttributes, options?: EmitOptions): void {
  const state = sdkState();
  const recorder = state.recorder;
  if (recorder === undefined) {
    // No SDK running (disabled, or not registered): a wrong name is still a programming error worth showing.
    if (lookupEvent(name) === undefined)
      rejectUnknownEvent(name, process.env.NODE_ENV === 'production', state.report);
    else state.report.count('emitted_while_not_started');
    return;
  }
  try {
    recorder.record(name, attributes, options);
  } catch (error) {
    if (error instanceof UnknownSecurityEventError) throw error;
    state.report.problem('emit', 'failed to record a security event', error);
  }
}

function setUser(user: SecurityUser): void {
  const report = sdkState().report;
  const context = getSecurityContext();
  if (context === undefined) {
    report.problem('set_user_outside_request', 'security.setUser was called outside of a request context');
    return;
  }
  report.guard('set_user', () => {
    if (typeof user !== 'object' || user === null) {
      report.problem('set_user_invalid', 'security.setUser was called without a user object');
      return;
    }
    const known = Object.entries(user).filter(([, value]) => value !== undefined);
    context.user = { ...context.user, ...Object.fromEntries(known) };
  });
}

/** A login's fields, or none when the caller passed nothing usable (a login is still worth recording). */
function fieldsOf<T extends object>(value: T | undefined | null, kind: string): Partial<T> {
  if (typeof value === 'object' && value !== null) return value;
  if (value !== undefined) sdkState().report.problem(kind, `${kind} was called without an object`);
  return {};
}

function loginSuccess(login?: LoginSuccess): void {
  const fields = sdkState().report.guard('login_success', () => {
    const { userId, login: name, roles, strategy, attributes } = fieldsOf(login, 'security.loginSuccess');
    if (getSecurityContext() !== undefined) setUser({ id: userId, name, roles });
    return {
      'user.id': userId,
      'user.name': name,
      'user.roles': roles,
      'security.auth.strategy': strategy,
      'security.outcome': 'success',
      ...attributes,
    };
  });
  emit('authn_login_success', fields ?? { 'security.outcome': 'success' });
}

function loginFailure(failure?: LoginFailure): void {
  const fields = sdkState().report.guard('login_failure', () => {
    const { login, userExists, reason, strategy, attributes } = fieldsOf(failure, 'security.loginFailure');
    return {
      'user.name': login,
      'security.user.exists': userExists,
      'security.reason': reason,
      'security.auth.strategy': strategy,
      'security.outcome': 'failure',
      ...attributes,
    };
  });
  emit('authn_login_fail', fields ?? { 'security.outcome': 'failure' });
}

/** The security API; usable before the SDK starts (events are then counted and dropped) and never throws into the app, except a TypeError for an unknown event name outside production. */
export const security: SecurityApi = Object.freeze({
  ...createEventHelpers(
    emit as (name: SecurityEventName, attributes?: SecurityAttributes, options?: EmitOptions) => void,
  ),
  emit,
  loginSuccess,
  loginFailure,
  setUser,
});

/** For instrumentations: reports an error caught in one of secotel's hooks (counted, reported once per hook). */
export function reportInternalError(hook: string, error: unknown): void {
  sdkState().report.problem(hook, `internal error in ${hook}`, error);
}

/** For instrumentations: runs a hook body; an error inside it is reported, never thrown into the application. */
export function guard<T>(hook: string, fn: () => T): T | undefined {
  return sdkState().report.guard(hook, fn);
}
