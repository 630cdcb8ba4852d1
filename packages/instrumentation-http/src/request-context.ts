import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SecurityContext, SecurityUser } from '@secotel/sdk';
import { guard, securityUser } from '@secotel/sdk';
import type { ClientAddressResolver } from './client-address';
import { DECORATED_REQUEST_READER, type FrameworkReader } from './framework-reader';
import { CapturedInputs } from './inputs/captured-inputs';

const REQUEST_CONTEXT = Symbol('secotel.request-context');
type Carrier = { [REQUEST_CONTEXT]?: RequestContext };

type RequestFields = NonNullable<SecurityContext['request']>;
type ClientFields = NonNullable<SecurityContext['client']>;

/**
 * The security context of one server request. Creating it costs one object: every field is worked out the
 * first time an event (or the database layer) reads it, since most requests emit nothing.
 */
export class RequestContext implements SecurityContext {
  private capturedInputs?: CapturedInputs;
  private clientFields?: ClientFields;
  private requestFields?: RequestFields;
  private routeTemplate?: string;
  private explicitUser?: SecurityUser;
  private frameworkReader: FrameworkReader = DECORATED_REQUEST_READER;
  private frameworkRequest: unknown;
  private readonly url: string;
  /** How many 'end' listeners the request had when its response finished; undefined until then. */
  private endListenersAtFinish?: number;
  /** Declared, though the SDK sets it, so that every context keeps one shape (see SecurityContext.recorded). */
  recorded?: string[];

  constructor(
    readonly incoming: IncomingMessage,
    private readonly resolveClientAddress: ClientAddressResolver,
  ) {
    this.frameworkRequest = incoming;
    // Frameworks rewrite req.url while routing (express strips mount paths), so the original is kept.
    this.url = incoming.url ?? '/';
    // Reading the peer once makes node cache it, so it is still known after the socket closed.
    void incoming.socket?.remotePort;
  }

  /**
   * Attaches the context to node's request object, which every layer can reach, and to its response, whose
   * events then find it without going through the request.
   */
  static attach(context: RequestContext, response: ServerResponse): void {
    (context.incoming as Carrier)[REQUEST_CONTEXT] = context;
    (response as Carrier)[REQUEST_CONTEXT] = context;
  }

  /** The context of a server request, or of its response. */
  static of(carrier: IncomingMessage | ServerResponse): RequestContext | undefined {
    return (carrier as Carrier)[REQUEST_CONTEXT];
  }

  /** The response finished: node is about to add its own 'end' listener to the request. */
  responseFinished(): void {
    this.endListenersAtFinish = this.incoming.listenerCount('end');
  }

  /**
   * Whether the request's 'end' has only listeners added after its response finished, on a body nobody read: then
   * node's own clean-up listener, which it adds at that moment, and which needs no context. (Entering the context
   * for it cost about 5 % of a hello-world's throughput: bench/http/PROFILE.md.) A listener of the application's,
   * or a body read late, keeps the context.
   */
  endNeedsNoContext(): boolean {
    return this.endListenersAtFinish === 0 && !this.incoming.readableDidRead;
  }

  /** Lets a framework's own request object answer for route, user, parameters and body. */
  useFramework<Source>(reader: FrameworkReader<Source>, source: Source): void {
    this.frameworkReader = reader as FrameworkReader;
    this.frameworkRequest = source;
  }

  setRoute(template: string): void {
    this.routeTemplate = template;
    if (this.requestFields !== undefined) this.requestFields.route = template;
  }

  get inputs(): CapturedInputs {
    this.capturedInputs ??= new CapturedInputs(this);
    return this.capturedInputs;
  }

  get client(): ClientFields {
    this.clientFields ??= {
      address: this.resolveClientAddress(this.incoming),
      port: this.incoming.socket?.remotePort,
    };
    return this.clientFields;
  }

  get request(): RequestFields {
    this.requestFields ??= {
      method: this.incoming.method,
      path: pathOf(this.url),
      userAgent: this.incoming.headers['user-agent'],
    };
    this.requestFields.route ??= this.route();
    return this.requestFields;
  }

  /** The user security.setUser named, else the one the authentication middleware put on the request. */
  get user(): SecurityUser | undefined {
    // An application's user object may be anything, even a throwing getter: the event is still recorded.
    return (
      this.explicitUser ??
      guard('request user', () => securityUser(this.frameworkReader.user(this.frameworkRequest)))
    );
  }

  set user(user: SecurityUser | undefined) {
    this.explicitUser = user;
  }

  /** The URL path and query exactly as the client sent them. */
  get rawUrl(): string {
    return this.url;
  }

  route(): string | undefined {
    const route = this.routeTemplate ?? this.frameworkReader.route(this.frameworkRequest);
    return typeof route === 'string' ? route : undefined;
  }

  params(): unknown {
    return this.frameworkReader.params(this.frameworkRequest);
  }

  body(): unknown {
    return this.frameworkReader.body(this.frameworkRequest);
  }
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
