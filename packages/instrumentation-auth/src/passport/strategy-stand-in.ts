import { guard } from '@secotel/sdk';
import { withinAuthAttempt } from '../attempt';
import { type AugmentedStrategy, PassportAttempt } from './passport-attempt';

const NAME = Symbol('secotel.passport.strategy-name');
const AUTHENTICATE = Symbol('secotel.passport.authenticate');

type Authenticate = (this: StandIn, ...args: unknown[]) => unknown;

interface StandIn extends AugmentedStrategy {
  [NAME]: string;
  [AUTHENTICATE]: Authenticate;
}

/**
 * A stand-in for a strategy: an object whose prototype is the strategy, so passport augments and runs it as it
 * would the strategy itself, with an authenticate that lets the request's attempt watch the outcome. A value
 * that is not a strategy is returned as it is, so passport reports it as it always did.
 */
export function standIn(strategy: unknown, name: string): unknown {
  const authenticate = (strategy as { authenticate?: unknown } | null | undefined)?.authenticate;
  if (typeof authenticate !== 'function') return strategy;
  return Object.create(strategy as object, {
    [NAME]: { value: name },
    [AUTHENTICATE]: { value: authenticate },
    authenticate: { value: observedAuthenticate, writable: true, configurable: true },
  });
}

/** The strategy's own authenticate, run inside the attempt: token checks in it belong to the attempt's fact. */
function observedAuthenticate(this: StandIn, ...args: unknown[]): unknown {
  const request = args[0] as Parameters<typeof PassportAttempt.current>[0];
  const name = this[NAME];
  const attempt = guard('passport.strategy', () => PassportAttempt.current(request));
  const credentials = attempt && guard('passport.strategy', () => attempt.observe(this, name, request));
  try {
    return withinAuthAttempt(() => this[AUTHENTICATE].apply(this, args));
  } catch (error) {
    // A strategy that throws instead of calling error() failed itself all the same.
    if (credentials !== undefined)
      guard('passport.strategy', () => attempt?.errored(name, credentials, error));
    throw error;
  }
}
