// The wrapper of BetterAuthInstrumentation (better-auth-instrumentation.ts), loaded when better-auth is first
// imported or required.
import { guard } from '@secotel/sdk';
import { ENDPOINT_FACTS, type EndpointCall } from './endpoint-facts';

export type BetterAuth = (this: unknown, options: unknown) => { $context?: Promise<AuthContext> };
interface AuthContext {
  options?: { plugins?: unknown[] };
}

/**
 * An after hook on every endpoint, in better-auth's own hook pipeline, which the HTTP handler and `auth.api.*`
 * calls share. It reads what the endpoint returned and changes nothing: its answer has no response and no
 * headers, so the endpoint's stands.
 */
function secotelPlugin(enabled: () => boolean) {
  return {
    id: 'secotel',
    hooks: {
      after: [
        {
          matcher: (call: EndpointCall) =>
            enabled() && typeof call.path === 'string' && call.path in ENDPOINT_FACTS,
          handler: async (call: EndpointCall) => {
            guard('better-auth.endpoint', () => ENDPOINT_FACTS[call.path as string]?.(call));
            return {};
          },
        },
      ],
    },
  };
}

/**
 * The instance's context (its resolved options, a copy of the application's) gets the plugin once it is built;
 * the hooks are read from it at each call. The application's own options object is left untouched.
 */
export function wrapBetterAuth(original: BetterAuth, enabled: () => boolean): BetterAuth {
  const plugin = secotelPlugin(enabled);
  return function betterAuth(this: unknown, options: unknown) {
    const auth = original.call(this, options);
    guard('better-auth.attach', () =>
      auth.$context?.then(
        (context) => {
          const resolved = context?.options;
          if (resolved !== undefined) resolved.plugins = [...(resolved.plugins ?? []), plugin];
        },
        () => {},
      ),
    );
    return auth;
  };
}
