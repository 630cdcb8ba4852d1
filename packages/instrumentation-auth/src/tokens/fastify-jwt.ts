// The wrapper of FastifyJwtInstrumentation (fastify-jwt-instrumentation.ts), loaded when @fastify/jwt is first
// required or imported.
import { guard, security } from '@secotel/sdk';
import { keepSignature } from '@secotel/sdk/instrumentation';
import { insideAuthAttempt } from '../attempt';

type Trusted = (this: unknown, request: unknown, decoded: unknown) => unknown;
export type Plugin = ((this: unknown, fastify: unknown, options: unknown, next: unknown) => unknown) &
  Record<PropertyKey, unknown>;

/** The `trusted` option said no: the token is on the app's deny list, i.e. it was revoked and presented again. */
function reportUntrusted(decoded: unknown): void {
  guard('fastify-jwt.untrusted', () => {
    if (insideAuthAttempt()) return;
    const token = decoded as { payload?: unknown } | null;
    // With `verify.complete` the decoded token is { header, payload, signature }.
    const claims = (token?.payload ?? token) as { jti?: unknown; sub?: unknown } | null;
    security.authnTokenReuse({
      'security.token.id': typeof claims?.jti === 'string' ? claims.jti : undefined,
      'user.name': typeof claims?.sub === 'string' ? claims.sub : undefined,
    });
  });
}

function observeTrusted(trusted: Trusted, enabled: () => boolean): Trusted {
  return function observedTrusted(this: unknown, request, decoded) {
    const verdict = trusted.call(this, request, decoded);
    if (!enabled()) return verdict;
    if (typeof (verdict as { then?: unknown } | null)?.then !== 'function') {
      if (!verdict) reportUntrusted(decoded);
      return verdict;
    }
    return (verdict as Promise<unknown>).then((value) => {
      if (!value) reportUntrusted(decoded);
      return value;
    });
  };
}

/**
 * The plugin, called with a copy of its options whose `trusted` check is observed; the app's options object is
 * left as it is. fastify-plugin's markers (skip-override, display name, metadata) are carried over, so fastify
 * registers the wrapper exactly as the plugin.
 */
export function wrapPlugin(original: Plugin, enabled: () => boolean): Plugin {
  const plugin = function fastifyJwt(this: unknown, fastify, options, next) {
    const trusted = (options as { trusted?: unknown } | null)?.trusted;
    const observed =
      typeof trusted === 'function' && enabled()
        ? { ...(options as object), trusted: observeTrusted(trusted as Trusted, enabled) }
        : options;
    return original.call(this, fastify, observed, next);
  } as Plugin;
  for (const key of Reflect.ownKeys(original)) {
    if (key === 'length' || key === 'name' || key === 'prototype') continue;
    const descriptor = Reflect.getOwnPropertyDescriptor(original, key) as PropertyDescriptor;
    Reflect.defineProperty(
      plugin,
      key,
      descriptor.value === original ? { ...descriptor, value: plugin } : descriptor,
    );
  }
  return keepSignature(plugin, original);
}
