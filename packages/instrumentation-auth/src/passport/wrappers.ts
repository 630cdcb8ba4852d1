// The wrappers of PassportInstrumentation (passport-instrumentation.ts), loaded when passport is first required.
import { getSecurityContext, guard, runInContext, type SecurityContext } from '@secotel/sdk';
import { PassportAttempt } from './passport-attempt';
import { standIn } from './strategy-stand-in';

type Middleware = (this: unknown, request: object, response: unknown, next: unknown) => unknown;
type Authenticate = (this: unknown, strategy: unknown, ...rest: unknown[]) => Middleware;
type StrategyLookup = (this: unknown, name: string) => unknown;

export function wrapAuthenticate(original: Authenticate): Authenticate {
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

export function wrapStrategyLookup(original: StrategyLookup): StrategyLookup {
  return function _strategy(this: unknown, name: string) {
    const strategy = original.call(this, name);
    return guard('passport.strategy', () => standIn(strategy, name)) ?? strategy;
  };
}
