import { guard, type SecurityContext, type SecurityUser, securityUser } from '@secotel/sdk';
import { outsideAuthAttempt } from '../attempt';
import { type CredentialSource, type Credentials, readCredentials } from './credentials';
import { failureReason } from './failure-reason';
import { OutcomeLedger } from './outcome-ledger';

const CURRENT = Symbol('secotel.passport.attempt');

interface AttemptRequest extends CredentialSource {
  [CURRENT]?: PassportAttempt;
}

type Action = (...args: unknown[]) => unknown;

/** A strategy instance after passport gave it its actions for this request. */
export interface AugmentedStrategy {
  success?: Action;
  fail?: Action;
  error?: Action;
  redirect?: Action;
  pass?: Action;
}

interface Failure {
  readonly strategy: string;
  readonly credentials: Credentials;
  readonly reason: string;
}

/**
 * One call of a passport.authenticate() middleware: the strategies it tries, in order, until one succeeds,
 * errors, passes or redirects, or all of them failed. It decides at most one outcome, so a stack of strategies
 * is one login, not one failure per strategy.
 */
export class PassportAttempt {
  private readonly failures: Failure[] = [];
  private decided = false;

  private constructor(
    private readonly ledger: OutcomeLedger,
    private readonly strategies: number,
    /** Who the context said the user was when the attempt began, to see whether the app changed it since. */
    private readonly userBefore: string,
  ) {}

  static begin(
    request: AttemptRequest,
    response: unknown,
    context: SecurityContext,
    strategies: number,
  ): void {
    request[CURRENT] = new PassportAttempt(
      OutcomeLedger.of(request, response, context),
      strategies,
      userKey(context.user),
    );
  }

  /** The request's undecided attempt; none once it decided, or for passport.authorize(), which links accounts. */
  static current(request: AttemptRequest): PassportAttempt | undefined {
    const attempt = request[CURRENT];
    return attempt?.decided === false ? attempt : undefined;
  }

  /** Watches one strategy's actions; returns what it read from the request. */
  observe(strategy: AugmentedStrategy, name: string, request: AttemptRequest): Credentials {
    const credentials = readCredentials(strategy, request);
    observeAction(strategy, 'success', (user) => this.succeeded(name, credentials, user));
    observeAction(strategy, 'fail', (challenge, status) => this.failed(name, credentials, challenge, status));
    observeAction(strategy, 'error', (error) => this.errored(name, credentials, error));
    observeAction(strategy, 'redirect', () => this.settle());
    observeAction(strategy, 'pass', () => this.settle());
    return credentials;
  }

  errored(strategy: string, credentials: Credentials, error: unknown): void {
    if (this.settle()) this.ledger.add({ kind: 'error', strategy, login: credentials.login, error });
  }

  private succeeded(strategy: string, credentials: Credentials, found: unknown): void {
    if (!this.settle()) return;
    const context = this.ledger.context;
    let user: SecurityUser | undefined = securityUser(found);
    // A user the application set during the attempt (security.setUser) wins over the one passport found.
    if (userKey(context.user) !== this.userBefore) user = context.user;
    else if (user !== undefined) context.user = user;
    this.ledger.add({ kind: 'success', strategy, login: credentials.login, user });
  }

  private failed(strategy: string, credentials: Credentials, challenge: unknown, status: unknown): void {
    if (this.decided) return;
    // fail(status) is passport's short form of fail(undefined, status).
    const [info, code] = typeof challenge === 'number' ? [undefined, challenge] : [challenge, status];
    this.failures.push({ strategy, credentials, reason: failureReason(credentials, info, code) });
    if (this.failures.length < this.strategies || !this.settle()) return;
    // The strategy the client sent credentials for says what went wrong; the others only found none.
    const failure = this.failures.find((f) => f.credentials.presented) ?? (this.failures[0] as Failure);
    this.ledger.add({
      kind: 'failure',
      strategy: failure.strategy,
      login: failure.credentials.login,
      reason: failure.reason,
    });
  }

  /** Marks the attempt decided; false if it already was (a strategy acting twice decides nothing new). */
  private settle(): boolean {
    if (this.decided) return false;
    this.decided = true;
    return true;
  }
}

/**
 * Replaces one of passport's actions on the strategy with one that tells the attempt first. The action hands
 * control back to passport and the application, so it runs outside the attempt's token silence.
 */
function observeAction(strategy: AugmentedStrategy, name: keyof AugmentedStrategy, observe: Action): void {
  const action = strategy[name];
  if (typeof action !== 'function') return;
  strategy[name] = function observed(this: unknown, ...args: unknown[]) {
    guard('passport.outcome', () => observe(...args));
    return outsideAuthAttempt(() => action.apply(this, args));
  };
}

function userKey(user: SecurityUser | undefined): string {
  return JSON.stringify([user?.id, user?.name, user?.roles]);
}
