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
    const merged: SecurityAttributes = { ...contextAttributes(context), ...context?.attributes, ...own };
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
  const result: Record<string, SecurityAttributeValue> = {};
  for (const key in attributes) {
    const value = attributes[key];
    if (value !== undefined && value !== null) result[key] = value;
  }
  return result;
}

function contextAttributes(context: SecurityContext | undefined): SecurityAttributes {
  if (context === undefined) return {};
  const { client, user, request } = context;
  return {
    'client.address': client?.address,
    'client.port': client?.port,
    'user.id': user?.id,
    'user.name': user?.name,
    'user.roles': user?.roles,
    'http.request.method': request?.method,
    'http.route': request?.route,
    'url.path': request?.path,
    'user_agent.original': request?.userAgent,
  };
}
