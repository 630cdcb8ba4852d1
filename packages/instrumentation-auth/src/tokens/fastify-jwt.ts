import { InstrumentationNodeModuleDefinition } from '@opentelemetry/instrumentation';
import { guard, security } from '@secotel/sdk';
import { keepSignature, SecotelInstrumentation, WRAPPED_ORIGINAL } from '@secotel/sdk/instrumentation';
import { insideAuthAttempt } from '../attempt';
import { instrumentationId } from '../instrumentation-id';

type Trusted = (this: unknown, request: unknown, decoded: unknown) => unknown;
type Plugin = ((this: unknown, fastify: unknown, options: unknown, next: unknown) => unknown) &
  Record<PropertyKey, unknown>;
interface PluginNamespace {
  default: Plugin;
}

const SUPPORTED = ['>=9 <11'];

/** Module names the ESM loader hook must intercept: `import fastifyJwt from '@fastify/jwt'`. */
export const FASTIFY_JWT_MODULES: readonly string[] = ['@fastify/jwt'];

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

function observeTrusted(trusted: Trusted): Trusted {
  return function observedTrusted(this: unknown, request, decoded) {
    const verdict = trusted.call(this, request, decoded);
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
function wrapPlugin(original: Plugin): Plugin {
  const plugin = function fastifyJwt(this: unknown, fastify, options, next) {
    const trusted = (options as { trusted?: unknown } | null)?.trusted;
    const observed =
      typeof trusted === 'function'
        ? { ...(options as object), trusted: observeTrusted(trusted as Trusted) }
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

/**
 * @fastify/jwt's own check beyond the token: its `trusted(request, decoded)` option, which apps use as a deny
 * list of revoked tokens. Token signing and verification are fast-jwt's and reported by that entry. `require`
 * gets the plugin function itself, replaced by the wrapper; `import` gets a namespace whose default is replaced.
 */
class FastifyJwtInstrumentation extends SecotelInstrumentation {
  constructor() {
    super(...instrumentationId('fastify-jwt'), {});
  }

  protected override init() {
    return new InstrumentationNodeModuleDefinition(
      '@fastify/jwt',
      SUPPORTED,
      (moduleExports: Plugin | PluginNamespace) => {
        if (typeof moduleExports === 'function') return wrapPlugin(moduleExports);
        if (!(WRAPPED_ORIGINAL in moduleExports.default)) {
          this._wrap(moduleExports, 'default', wrapPlugin as never);
        }
        return moduleExports;
      },
    );
  }
}

let instrumentation: FastifyJwtInstrumentation | undefined;

/** Reports tokens @fastify/jwt's `trusted` check refuses as revoked tokens presented again. */
export function enableFastifyJwt(): void {
  instrumentation ??= new FastifyJwtInstrumentation();
  instrumentation.enable();
}
