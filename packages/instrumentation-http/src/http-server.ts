import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  enterContext,
  getSecurityContext,
  reportInternalError,
  runInContext,
  type TrustProxy,
} from '@secotel/sdk';
import { clientAddressResolver } from './client-address';
import { reportParserRejections } from './client-errors';
import { reportInputFacts } from './inputs/input-facts';
import { reportRefusal } from './refusal-facts';
import { RequestContext } from './request-context';
import { runRequestEventsInContext } from './request-emitters';

export interface HttpServerOptions {
  /** Which proxies may report the client address (SECOTEL_TRUST_PROXY). */
  readonly trustProxy: TrustProxy;
}

interface ServerRequestMessage {
  request: IncomingMessage;
  response: ServerResponse;
}

const ENABLED = Symbol.for('secotel.instrumentation-http.enabled');

/**
 * Gives every request of every node:http and node:https server a security context, from node's own
 * diagnostics channels, and reports refusals and attack inputs when the response is finished. The emit of
 * requests, responses and servers is wrapped once (see request-emitters and client-errors); the http module's
 * functions are left as they are. Enabling twice does nothing more.
 */
export function enableHttpServer(options: HttpServerOptions): void {
  const holder = globalThis as { [ENABLED]?: boolean };
  if (holder[ENABLED]) return;
  holder[ENABLED] = true;
  const resolveClientAddress = clientAddressResolver(options.trustProxy);
  runRequestEventsInContext();
  reportParserRejections();
  // The two subscribers run for every request, so they use try/catch rather than guard()'s closures.
  subscribe('http.server.request.start', (message) => {
    try {
      const context = new RequestContext((message as ServerRequestMessage).request, resolveClientAddress);
      RequestContext.attach(context);
      // The channel is published right before the server's 'request' event, so the handler runs inside.
      enterContext(context);
    } catch (error) {
      reportInternalError('http.server.request.start', error);
    }
  });
  subscribe('http.server.response.finish', (message) => {
    try {
      const { request, response } = message as ServerRequestMessage;
      const context = RequestContext.of(request);
      if (context === undefined) return;
      // Node publishes this from the response's 'finish' event, which already runs in the request's context.
      if (getSecurityContext() === context) reportFacts(context, response);
      else runInContext(context, () => reportFacts(context, response));
    } catch (error) {
      reportInternalError('http.server.response.finish', error);
    }
  });
}

function reportFacts(context: RequestContext, response: ServerResponse): void {
  reportRefusal(response);
  reportInputFacts(context);
}
