/** What a strategy found in the request: the login as entered (never the secret) and whether it had credentials. */
export interface Credentials {
  readonly kind: 'form' | 'basic' | 'jwt' | 'other';
  readonly login?: string;
  /** False when the request carried no complete credentials for this strategy. */
  readonly presented: boolean;
}

interface StrategyFields {
  name?: unknown;
  _usernameField?: unknown;
  _passwordField?: unknown;
  _jwtFromRequest?: unknown;
}

export interface CredentialSource {
  body?: unknown;
  query?: unknown;
  headers?: { authorization?: unknown };
}

/**
 * Reads the credentials the way the strategy itself does, recognised by the fields it keeps: passport-local's
 * username and password fields (body, then query), passport-http's Basic header, passport-jwt's extractor. A
 * password is only tested for presence. Other strategies report no login.
 */
export function readCredentials(instance: object, request: CredentialSource): Credentials {
  const strategy = instance as StrategyFields;
  if (typeof strategy._usernameField === 'string') {
    const login = formField(request, strategy._usernameField);
    const password = formField(request, String(strategy._passwordField ?? 'password'));
    return { kind: 'form', login, presented: login !== undefined && password !== undefined };
  }
  if (strategy.name === 'basic') return basicCredentials(request.headers?.authorization);
  // passport-jwt's extractor is application code that may have effects, so it is not run a second time.
  if (typeof strategy._jwtFromRequest === 'function') return { kind: 'jwt', presented: true };
  return { kind: 'other', presented: true };
}

function formField(request: CredentialSource, field: string): string | undefined {
  return text(lookup(request.body, field)) ?? text(lookup(request.query, field));
}

/** A form field by passport-local's path syntax: `user[name]` is body.user.name. */
function lookup(source: unknown, field: string): unknown {
  let value = source;
  for (const key of field.split(']').join('').split('[')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The user of a `Basic` Authorization header, split as passport-http splits it. */
function basicCredentials(header: unknown): Credentials {
  const [scheme, encoded] = typeof header === 'string' ? header.split(' ') : [];
  if (scheme === undefined || encoded === undefined || !/Basic/i.test(scheme)) {
    return { kind: 'basic', presented: false };
  }
  const [user, password] = Buffer.from(encoded, 'base64').toString().split(':');
  // No colon at all is a malformed header, which passport-http answers with 400.
  if (password === undefined) return { kind: 'basic', presented: true };
  return { kind: 'basic', login: text(user), presented: user !== '' && password !== '' };
}
