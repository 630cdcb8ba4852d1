import {
  InstrumentationNodeModuleDefinition,
  InstrumentationNodeModuleFile,
} from '@opentelemetry/instrumentation';
import { getSecurityContext, guard, runInContext, type SecurityContext } from '@secotel/sdk';
import { SecotelInstrumentation } from '@secotel/sdk/instrumentation';
import { instrumentationId } from '../instrumentation-id';
import { PassportAttempt } from './passport-attempt';
import { standIn } from './strategy-stand-in';

const SUPPORTED = ['>=0.6 <0.8'];

type Middleware = (this: unknown, request: object, response: unknown, next: unknown) => unknown;
type Authenticate = (this: unknown, strategy: unknown, ...rest: unknown[]) => Middleware;
type StrategyLookup = (this: unknown, name: string) => unknown;

interface AuthenticatorClass {
  prototype: { authenticate: Authenticate; _strategy: StrategyLookup };
}

/**
 * passport 0.6 and 0.7 logins. Two methods of the Authenticator are wrapped: authenticate() starts an attempt
 * each time its middleware runs, and _strategy() (how passport finds a registered strategy for each request)
 * hands out a stand-in through which the attempt watches what the strategy decides.
 */
class PassportInstrumentation extends SecotelInstrumentation {
  constructor() {
    super(...instrumentationId('passport'), {});
  }

  protected override init() {
    return new InstrumentationNodeModuleDefinition('passport', SUPPORTED, undefined, undefined, [
      new InstrumentationNodeModuleFile(
        'passport/lib/authenticator.js',
        SUPPORTED,
        (Authenticator: AuthenticatorClass) => {
          this._wrap(Authenticator.prototype, 'authenticate', wrapAuthenticate as never);
          this._wrap(Authenticator.prototype, '_strategy', wrapStrategyLookup as never);
          return Authenticator;
        },
        (Authenticator: AuthenticatorClass) => {
          this._unwrap(Authenticator.prototype, 'authenticate');
          this._unwrap(Authenticator.prototype, '_strategy');
        },
      ),
    ]);
  }
}

function wrapAuthenticate(original: Authenticate): Authenticate {
  return function authenticate(this: unknown, strategy: unknown, ...rest: unknown[]) {
    // Strategy objects passed directly (not by name) never go through _strategy().
    const strategies = guard('passport.authenticate', () => standInsFor(strategy)) ?? strategy;
    const middleware = original.call(this, strategies, ...rest);
    const count = Array.isArray(strategy) ? strategy.length : 1;
    return function authenticate(this: unknown, request: object, response: unknown, next: unknown) {
      const run = (context: SecurityContext) => {
        guard('passport.authenticate', () => PassportAttempt.begin(request, response, context, count));
        return middleware.call(this, request, response, next);
      };
      const context = getSecurityContext();
      // Without the HTTP layer there is no request context; the attempt makes one, so the user it finds and
      // the application's own reports still meet in one place.
      if (context !== undefined) return run(context);
      const created: SecurityContext = {};
      return runInContext(created, () => run(created));
    };
  };
}

function standInsFor(strategy: unknown): unknown {
  const standInFor = (layer: unknown) =>
    typeof layer === 'object' && layer !== null ? standIn(layer, nameOf(layer)) : layer;
  return Array.isArray(strategy) ? strategy.map(standInFor) : standInFor(strategy);
}

/** A strategy object's own name (`local`, `basic`), else its class's. */
function nameOf(strategy: object): string {
  const { name } = strategy as { name?: unknown };
  return typeof name === 'string' ? name : strategy.constructor.name;
}

function wrapStrategyLookup(original: StrategyLookup): StrategyLookup {
  return function _strategy(this: unknown, name: string) {
    const strategy = original.call(this, name);
    return guard('passport.strategy', () => standIn(strategy, name)) ?? strategy;
  };
}

let instrumentation: PassportInstrumentation | undefined;

/** Starts reporting passport logins: one outcome fact per authentication attempt. */
export function enablePassport(): void {
  instrumentation ??= new PassportInstrumentation();
  instrumentation.enable();
}
