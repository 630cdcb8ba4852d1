// The hooks of HttpServerInstrumentation (http-server-instrumentation.ts), loaded when the process accepts its
// first connection.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  enterContext,
  getSecurityContext,
  reportInternalError,
  runInContext,
  type TrustProxy,
} from '@secotel/sdk';
import { type ClientAddressResolver, clientAddressResolver } from './client-address';
import { reportParserRejections } from './client-errors';
import { reportInputFacts } from './inputs/input-facts';
import { reportRefusal } from './refusal-facts';
import { RequestContext } from './request-context';
import { runRequestEventsInContext } from './request-emitters';

interface ServerRequestMessage {
  request: IncomingMessage;
  response: ServerResponse;
}

/**
 * Gives every request of every node:http and node:https server a security context, from node's own
 * diagnostics channels, and reports refusals and attack inputs when the response is finished. The emit of
 * requests, responses and servers is wrapped once (see request-emitters and client-errors); the http module's
 * functions are left as they are. Returns what removes every hook again.
 */
export function installHttpServerHooks(trustProxy: TrustProxy): () => void {
  const onStart = requestStart(clientAddressResolver(trustProxy));
  const restoreRequestEvents = runRequestEventsInContext();
  const restoreServers = reportParserRejections();
  subscribe('http.server.request.start', onStart);
  subscribe('http.server.response.finish', responseFinish);
  return () => {
    unsubscribe('http.server.request.start', onStart);
    unsubscribe('http.server.response.finish', responseFinish);
    restoreServers();
    restoreRequestEvents();
  };
}

// The two subscribers run for every request, so they use try/catch rather than guard()'s closures.
function requestStart(resolveClientAddress: ClientAddressResolver) {
  return (message: unknown) => {
    try {
      const context = new RequestContext((message as ServerRequestMessage).request, resolveClientAddress);
      RequestContext.attach(context);
      // The channel is published right before the server's 'request' event, so the handler runs inside.
      enterContext(context);
    } catch (error) {
      reportInternalError('http.server.request.start', error);
    }
  };
}

function responseFinish(message: unknown): void {
  try {
    const { request, response } = message as ServerRequestMessage;
    const context = RequestContext.of(request);
    if (context === undefined) return;
    context.responseFinished();
    // Node publishes this from the response's 'finish' event, which already runs in the request's context.
    if (getSecurityContext() === context) reportFacts(context, response);
    else runInContext(context, () => reportFacts(context, response));
  } catch (error) {
    reportInternalError('http.server.response.finish', error);
  }
}

function reportFacts(context: RequestContext, response: ServerResponse): void {
  reportRefusal(response);
  reportInputFacts(context);
}
