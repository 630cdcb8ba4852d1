import type { SecurityAttributes } from '@secotel/semconv';
import type { UserTrackingMode } from './config/config';
import type { SecurityContext } from './context';
import type { KeyedHasher } from './keyed-hash';

/** Turns the request context into attributes and applies the user-tracking mode to the result. */
export class IdentityPolicy {
  constructor(
    private readonly mode: UserTrackingMode,
    private readonly hasher: KeyedHasher,
  ) {}

  /** Context fields first, the event's own attributes over them, then the tracking mode over both. */
  attributesFor(
    context: SecurityContext | undefined,
    own: SecurityAttributes | undefined,
  ): SecurityAttributes {
    const merged: SecurityAttributes = { ...contextAttributes(context), ...context?.attributes, ...own };
    const sessionId = context?.session?.id;
    if (sessionId !== undefined && own?.['session.id'] === undefined) {
      merged['session.id'] = this.hasher.hash(sessionId);
    }
    return this.applyUserTracking(merged);
  }

  private applyUserTracking(attributes: SecurityAttributes): SecurityAttributes {
    if (this.mode === 'identification') return attributes;
    const id = attributes['user.id'];
    const name = attributes['user.name'];
    delete attributes['user.id'];
    delete attributes['user.name'];
    if (this.mode === 'disabled') {
      delete attributes['user.hash'];
      return attributes;
    }
    // The login as entered is what failures carry, so hashing it first keeps failures and successes correlated.
    const subject = name ?? id;
    if (subject !== undefined) attributes['user.hash'] = this.hasher.hash(String(subject));
    return attributes;
  }
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
