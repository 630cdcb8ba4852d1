import {
  InstrumentationNodeModuleDefinition,
  InstrumentationNodeModuleFile,
  isWrapped,
} from '@opentelemetry/instrumentation';
import { guard } from '@secotel/sdk';
import { SecotelInstrumentation } from '@secotel/sdk/instrumentation';
import { writableExports } from '../esm-namespace';
import { instrumentationId } from '../instrumentation-id';
import { ENDPOINT_FACTS, type EndpointCall } from './endpoint-facts';

type BetterAuth = (this: unknown, options: unknown) => { $context?: Promise<AuthContext> };
interface BetterAuthExports {
  betterAuth?: BetterAuth;
}
interface AuthContext {
  options?: { plugins?: unknown[] };
}

const SUPPORTED = ['>=1.7 <2'];
/** `better-auth/minimal` (no Kysely) exports its own betterAuth. */
const MINIMAL_FILE = 'better-auth/dist/auth/minimal.mjs';

/** Module names the ESM loader hook must intercept: better-auth is ES modules only. */
export const BETTER_AUTH_MODULES: readonly string[] = ['better-auth', 'better-auth/minimal'];

/**
 * An after hook on every endpoint, in better-auth's own hook pipeline, which the HTTP handler and `auth.api.*`
 * calls share. It reads what the endpoint returned and changes nothing: its answer has no response and no
 * headers, so the endpoint's stands.
 */
const SECOTEL_PLUGIN = {
  id: 'secotel',
  hooks: {
    after: [
      {
        matcher: (call: EndpointCall) => typeof call.path === 'string' && call.path in ENDPOINT_FACTS,
        handler: async (call: EndpointCall) => {
          guard('better-auth.endpoint', () => ENDPOINT_FACTS[call.path as string]?.(call));
          return {};
        },
      },
    ],
  },
};

/**
 * The instance's context (its resolved options, a copy of the application's) gets the plugin once it is built;
 * the hooks are read from it at each call. The application's own options object is left untouched.
 */
function wrapBetterAuth(original: BetterAuth): BetterAuth {
  return function betterAuth(this: unknown, options: unknown) {
    const auth = original.call(this, options);
    guard('better-auth.attach', () =>
      auth.$context?.then(
        (context) => {
          const resolved = context?.options;
          if (resolved !== undefined) resolved.plugins = [...(resolved.plugins ?? []), SECOTEL_PLUGIN];
        },
        () => {},
      ),
    );
    return auth;
  };
}

/**
 * better-auth 1.7: sign-in and sign-up, password changes and resets, sign-out and session revocation, from an
 * after hook added to each instance `betterAuth()` creates. `import` gets import-in-the-middle's namespace;
 * `require()` (require(esm)) the sealed namespace, so a copy is handed out.
 */
class BetterAuthInstrumentation extends SecotelInstrumentation {
  constructor() {
    super(...instrumentationId('better-auth'), {});
  }

  protected override init() {
    const patch = (moduleExports: BetterAuthExports) => {
      const patched = writableExports(moduleExports);
      if (patched.betterAuth !== undefined && !isWrapped(patched.betterAuth)) {
        this._wrap(patched, 'betterAuth', wrapBetterAuth as never);
      }
      return patched;
    };
    const unpatch = (moduleExports: BetterAuthExports) => {
      if (moduleExports.betterAuth !== undefined) this._unwrap(moduleExports, 'betterAuth');
    };
    return new InstrumentationNodeModuleDefinition('better-auth', SUPPORTED, patch, unpatch, [
      new InstrumentationNodeModuleFile(MINIMAL_FILE, SUPPORTED, patch, unpatch),
    ]);
  }
}

let instrumentation: BetterAuthInstrumentation | undefined;

/** Reports better-auth's sign-ins, sign-ups, password changes and ended sessions. */
export function enableBetterAuth(): void {
  instrumentation ??= new BetterAuthInstrumentation();
  instrumentation.enable();
}
