import { security } from '@secotel/sdk';

/** What better-auth hands an after hook: the endpoint's path, the request body and what the endpoint returned. */
export interface EndpointCall {
  path?: unknown;
  body?: unknown;
  context?: {
    /** The endpoint's result, or the APIError it threw. */
    returned?: unknown;
    /** Set when the endpoint started a session (a sign-in, a sign-up that signs in). */
    newSession?: { user?: BetterAuthUser; session?: { token?: unknown } } | null;
    session?: { user?: BetterAuthUser; session?: { token?: unknown } } | null;
  };
}

interface BetterAuthUser {
  id?: unknown;
  email?: unknown;
}

interface ApiError {
  statusCode?: unknown;
  body?: { code?: unknown };
}

/** better-auth's error codes (`INVALID_EMAIL_OR_PASSWORD`) as snake_case reasons (`invalid_email_or_password`). */
function failureReason(returned: unknown): string | undefined {
  const error = returned as ApiError | null;
  if (typeof error?.statusCode !== 'number') return undefined;
  const code = error.body?.code;
  return typeof code === 'string' && code !== '' ? code.toLowerCase() : 'refused';
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function field(body: unknown, name: string): string | undefined {
  return typeof body === 'object' && body !== null
    ? text((body as Record<string, unknown>)[name])
    : undefined;
}

/** The user an endpoint returned (`{ user }`), else the session's. */
function userOf(call: EndpointCall): BetterAuthUser | undefined {
  const returned = call.context?.returned as { user?: BetterAuthUser } | null | undefined;
  return returned?.user ?? call.context?.session?.user ?? undefined;
}

/** Signing in with a password; the strategy is the credential kind of the path (`email`, `username`). */
function signIn(call: EndpointCall, strategy: 'email' | 'username'): void {
  const login = field(call.body, strategy);
  const reason = failureReason(call.context?.returned);
  if (reason !== undefined) {
    security.loginFailure({
      login,
      reason,
      strategy,
      attributes: { 'user.id': undefined, 'user.roles': undefined },
    });
    return;
  }
  const user = call.context?.newSession?.user;
  // A sign-in that needs a second factor first (two-factor plugin) starts no session and decides nothing yet.
  if (user === undefined) return;
  security.loginSuccess({ userId: text(user.id), login, strategy });
}

function signUp(call: EndpointCall): void {
  if (failureReason(call.context?.returned) !== undefined) return;
  const created = userOf(call) ?? call.context?.newSession?.user;
  const id = text(created?.id);
  if (id !== undefined) security.userCreated({ 'security.target_user.id': id });
}

function passwordChanged(call: EndpointCall): void {
  const reason = failureReason(call.context?.returned);
  const name = text(userOf(call)?.email);
  if (reason === undefined) security.authnPasswordChange({ 'user.name': name });
  else security.authnPasswordChangeFail({ 'user.name': name, 'security.reason': reason });
}

function sessionsEnded(call: EndpointCall, reason: 'logout' | 'revoked', token?: unknown): void {
  if (failureReason(call.context?.returned) !== undefined) return;
  security.sessionExpired({
    'security.reason': reason,
    'session.id': text(token),
    'user.name': text(call.context?.session?.user?.email),
  });
}

/** The admin plugin's ban: the account can no longer sign in. The fact names the banned account, not the admin. */
function banned(call: EndpointCall): void {
  if (failureReason(call.context?.returned) !== undefined) return;
  const account = (call.context?.returned as { user?: BetterAuthUser } | null | undefined)?.user;
  security.authnLoginLock({ 'user.name': text(account?.email), 'security.reason': 'other' });
}

/** The facts of each better-auth endpoint that decides something about authentication, by its path. */
export const ENDPOINT_FACTS: Readonly<Record<string, (call: EndpointCall) => void>> = {
  '/sign-in/email': (call) => signIn(call, 'email'),
  '/sign-in/username': (call) => signIn(call, 'username'),
  '/sign-up/email': signUp,
  '/change-password': passwordChanged,
  '/reset-password': passwordChanged,
  '/sign-out': (call) => sessionsEnded(call, 'logout', call.context?.session?.session?.token),
  '/revoke-session': (call) => sessionsEnded(call, 'revoked', field(call.body, 'token')),
  '/revoke-sessions': (call) => sessionsEnded(call, 'revoked'),
  '/revoke-other-sessions': (call) => sessionsEnded(call, 'revoked'),
  '/admin/ban-user': banned,
};
