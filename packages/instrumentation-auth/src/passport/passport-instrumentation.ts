import {
  type InstrumentationConfig,
  InstrumentationNodeModuleDefinition,
  InstrumentationNodeModuleFile,
} from '@opentelemetry/instrumentation';
import { lazily, SecotelInstrumentation } from '@secotel/sdk/instrumentation';
import { instrumentationId } from '../instrumentation-id';

const SUPPORTED = ['>=0.6 <0.8'];

interface AuthenticatorClass {
  prototype: Record<'authenticate' | '_strategy', unknown>;
}

const wrappers = lazily(() => require('./wrappers') as typeof import('./wrappers'));

export type PassportInstrumentationConfig = InstrumentationConfig;

/**
 * passport 0.6 and 0.7 logins: one outcome fact per authentication attempt. Two methods of the Authenticator
 * are wrapped: authenticate() starts an attempt each time its middleware runs, and _strategy() (how passport
 * finds a registered strategy for each request) hands out a stand-in through which the attempt watches what
 * the strategy decides.
 */
export class PassportInstrumentation extends SecotelInstrumentation<PassportInstrumentationConfig> {
  constructor(config: PassportInstrumentationConfig = {}) {
    super(...instrumentationId('passport'), config);
  }

  protected override init() {
    return new InstrumentationNodeModuleDefinition('passport', SUPPORTED, undefined, undefined, [
      new InstrumentationNodeModuleFile(
        'passport/lib/authenticator.js',
        SUPPORTED,
        (Authenticator: AuthenticatorClass) => {
          this._wrap(Authenticator.prototype, 'authenticate', wrappers().wrapAuthenticate as never);
          this._wrap(Authenticator.prototype, '_strategy', wrappers().wrapStrategyLookup as never);
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
