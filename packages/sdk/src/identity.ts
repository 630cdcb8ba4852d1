import type { SecurityAttributes, SecurityAttributeValue } from '@secotel/semconv';
import type { UserTrackingMode } from './config/config';
import type { SecurityContext } from './context';
import type { KeyedHasher } from './keyed-hash';

/** Turns the request context into attributes and applies the user-tracking mode to the result. */
export class IdentityPolicy {
  constructor(
    private readonly mode: UserTrackingMode,
    private readonly hasher: KeyedHasher,
  ) {}

  /**
   * Context fields first, the event's own attributes over them, then the tracking mode over both; the result
   * holds only attributes that have a value.
   */
  attributesFor(
    context: SecurityContext | undefined,
    own: SecurityAttributes | undefined,
  ): Record<string, SecurityAttributeValue> {
    // One object, filled in order of precedence (later wins), instead of a copy per source.
    const merged: SecurityAttributes = {};
    if (context !== undefined) addContext(merged, context);
    if (context?.attributes !== undefined) Object.assign(merged, context.attributes);
    if (own !== undefined) Object.assign(merged, own);
    const sessionId = context?.session?.id;
    if (sessionId !== undefined && own?.['session.id'] === undefined) {
      merged['session.id'] = this.hasher.hash(sessionId);
    }
    this.applyUserTracking(merged);
    return definedOnly(merged);
  }

  /** Unset identity fields are left undefined (not deleted) and dropped with the other empty values. */
  private applyUserTracking(attributes: SecurityAttributes): void {
    if (this.mode === 'identification') return;
    const subject = attributes['user.name'] ?? attributes['user.id'];
    attributes['user.id'] = undefined;
    attributes['user.name'] = undefined;
    if (this.mode === 'disabled') attributes['user.hash'] = undefined;
    // The login as entered is what failures carry, so hashing it first keeps failures and successes correlated.
    else if (subject !== undefined) attributes['user.hash'] = this.hasher.hash(String(subject));
  }
}

function definedOnly(attributes: SecurityAttributes): Record<string, SecurityAttributeValue> {
  // Usually every value is set (the tracking modes other than identification unset some): then no copy.
  let complete = true;
  for (const key in attributes) {
    const value = attributes[key];
    if (value === undefined || value === null) {
      complete = false;
      break;
    }
  }
  if (complete) return attributes as Record<string, SecurityAttributeValue>;
  const result: Record<string, SecurityAttributeValue> = {};
  for (const key in attributes) {
    const value = attributes[key];
    if (value !== undefined && value !== null) result[key] = value;
  }
  return result;
}

/** The request context's fields that have a value, as attributes. */
function addContext(attributes: SecurityAttributes, { client, user, request }: SecurityContext): void {
  if (client !== undefined) {
    if (client.address !== undefined) attributes['client.address'] = client.address;
    if (client.port !== undefined) attributes['client.port'] = client.port;
  }
  if (user !== undefined) {
    if (user.id !== undefined) attributes['user.id'] = user.id;
    if (user.name !== undefined) attributes['user.name'] = user.name;
    if (user.roles !== undefined) attributes['user.roles'] = user.roles;
  }
  if (request !== undefined) {
    if (request.method !== undefined) attributes['http.request.method'] = request.method;
    if (request.route !== undefined) attributes['http.route'] = request.route;
    if (request.path !== undefined) attributes['url.path'] = request.path;
    if (request.userAgent !== undefined) attributes['user_agent.original'] = request.userAgent;
  }
}
