import { type Context, context as otelContext } from '@opentelemetry/api';
import { guard, runInContext, type SecurityContext } from '@secotel/sdk';
import { emitOutcome, type Outcome } from './outcome';

const LEDGER = Symbol('secotel.passport.outcomes');
const LOGIN_FACTS = ['authn_login_success', 'authn_login_fail'];

interface LedgerRequest {
  [LEDGER]?: OutcomeLedger;
}

interface Response {
  closed?: unknown;
  once?: (event: string, listener: () => void) => unknown;
}

/**
 * The passport outcomes of one request, recorded when its response closed. Deciding then rather than when
 * passport decided gives the application its chance first: a custom callback runs after passport's decision
 * and may report the outcome by hand (security.loginSuccess / loginFailure), even after an asynchronous
 * req.logIn; a route after the middleware may too. If it did, the automatic facts are dropped, so an
 * application that reports by hand is not counted twice.
 */
export class OutcomeLedger {
  private readonly outcomes: Array<{ outcome: Outcome; trace: Context }> = [];
  /** Login facts recorded before passport ran belong to something else. */
  private readonly reportedBefore: boolean;

  private constructor(
    readonly context: SecurityContext,
    private readonly response: Response | undefined,
  ) {
    this.reportedBefore = reportedLogin(context);
  }

  static of(request: object, response: unknown, context: SecurityContext): OutcomeLedger {
    const holder = request as LedgerRequest;
    holder[LEDGER] ??= new OutcomeLedger(context, response as Response | undefined);
    return holder[LEDGER];
  }

  add(outcome: Outcome): void {
    // The trace the decision was made in, so the fact is correlated to it, not to whatever closes the response.
    this.outcomes.push({ outcome, trace: otelContext.active() });
    if (this.outcomes.length === 1) whenClosed(this.response, () => this.flush());
  }

  private flush(): void {
    guard('passport.outcome', () => {
      if (!this.reportedBefore && reportedLogin(this.context)) return;
      for (const { outcome, trace } of this.outcomes) {
        otelContext.with(trace, () => runInContext(this.context, () => emitOutcome(outcome)));
      }
    });
  }
}

function reportedLogin(context: SecurityContext): boolean {
  return LOGIN_FACTS.some((name) => context.recorded?.includes(name) === true);
}

/** On the response's close; right after the current callbacks for a response that cannot tell (not node's). */
function whenClosed(response: Response | undefined, listener: () => void): void {
  if (typeof response?.once === 'function' && response.closed !== true) response.once('close', listener);
  else setImmediate(listener);
}
