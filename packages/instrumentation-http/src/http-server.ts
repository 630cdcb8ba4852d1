// The hooks of HttpServerInstrumentation (http-server-instrumentation.ts), loaded when the process accepts its
// first connection.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { enterContext, reportInternalError, type TrustProxy } from '@secotel/sdk';
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
 * Gives every request of every node:http and node:https server a security context, from node's request-start
 * diagnostics channel, and reports refusals and attack inputs when the response finishes. The emit of
 * requests, responses and servers is wrapped once (see request-emitters and client-errors); the http module's
 * functions are left as they are. Returns what removes every hook again.
 */
export function installHttpServerHooks(trustProxy: TrustProxy): () => void {
  const onStart = requestStart(clientAddressResolver(trustProxy));
  const restoreRequestEvents = runRequestEventsInContext(reportFacts);
  const restoreServers = reportParserRejections();
  subscribe('http.server.request.start', onStart);
  return () => {
    unsubscribe('http.server.request.start', onStart);
    restoreServers();
    restoreRequestEvents();
  };
}

/** Runs for every request, so it uses try/catch rather than guard()'s closures. */
function requestStart(resolveClientAddress: ClientAddressResolver) {
  return (message: unknown) => {
    try {
      const { request, response } = message as ServerRequestMessage;
      const context = new RequestContext(request, resolveClientAddress);
      RequestContext.attach(context, response);
      // The channel is published right before the server's 'request' event, so the handler runs inside.
      enterContext(context);
    } catch (error) {
      reportInternalError('http.server.request.start', error);
    }
  };
}

/** The response finished, in the request's context: its refusal and attack facts. */
function reportFacts(context: RequestContext, response: ServerResponse): void {
  reportRefusal(response);
  reportInputFacts(context);
}
