import { IncomingMessage, ServerResponse } from 'node:http';
import { getSecurityContext, reportInternalError, runInContext } from '@secotel/sdk';
import { replaceEmit } from './replace-emit';
import { RequestContext } from './request-context';

type Emit = (this: IncomingMessage | ServerResponse, event: string | symbol, ...args: unknown[]) => boolean;
type OnFinish = (context: RequestContext, response: ServerResponse) => void;

/**
 * Node runs a request's later stream events ('data' and 'end' of the body, 'finish' of the response) from
 * the socket, outside the request's async context, and body parsers call the rest of the application from
 * there. Wrapping emit on the two prototypes (once, not per request) runs those listeners in the request's
 * context; objects that belong to no server request pass straight through. A response's 'finish' is also
 * where `onFinish` learns that the answer is complete (before node's own listeners: the same moment node's
 * response-finish channel would tell, without the channel's message object). Returns what undoes it.
 */
export function runRequestEventsInContext(onFinish: OnFinish): () => void {
  const restoreRequest = wrapEmit(IncomingMessage.prototype, undefined);
  const restoreResponse = wrapEmit(ServerResponse.prototype, onFinish);
  return () => {
    restoreRequest();
    restoreResponse();
  };
}

function wrapEmit(prototype: IncomingMessage | ServerResponse, onFinish: OnFinish | undefined): () => void {
  return replaceEmit<Emit>(prototype, (original, isActive) => {
    /**
     * node's emit inside the context of the request (or response) it is called on. It looks the context up again
     * rather than take it as an argument: emit below must hand on its `arguments` exactly as they came.
     */
    const emitInContext = function (this: IncomingMessage | ServerResponse) {
      const context = RequestContext.of(this) as RequestContext;
      // biome-ignore lint/complexity/noArguments: the call is handed on exactly as it was made.
      return runInContext(context, Reflect.apply, original, this, arguments);
    };
    return function emit(this: IncomingMessage | ServerResponse, event) {
      const context = isActive() ? RequestContext.of(this) : undefined;
      if (context !== undefined) {
        if (event === 'finish' && onFinish !== undefined) finished(context, this as ServerResponse, onFinish);
        // biome-ignore lint/complexity/noArguments: as below.
        if (needsEntering(context, this, event)) return Reflect.apply(emitInContext, this, arguments);
      }
      // A request emits about eight events, so this allocates nothing: V8 hands `arguments` on without making
      // the object only as long as every use of it here is such a call (bench/http/PROFILE.md).
      // biome-ignore lint/complexity/noArguments: the call is handed on exactly as it was made.
      return Reflect.apply(original, this, arguments);
    };
  });
}

/**
 * Whether the event has listeners that must run in the request's context: node emits most of them from inside
 * it already (a 'finish' as a rule), and most events of a request have no listener at all.
 */
function needsEntering(
  context: RequestContext,
  target: IncomingMessage | ServerResponse,
  event: string | symbol,
): boolean {
  try {
    if (target.listenerCount(event) === 0 || context === getSecurityContext()) return false;
    return !(event === 'end' && target === context.incoming && context.endNeedsNoContext());
  } catch (error) {
    reportInternalError('request event', error);
    return false;
  }
}

/** Tells the context, then `onFinish` inside it, that the response finished. */
function finished(context: RequestContext, response: ServerResponse, onFinish: OnFinish): void {
  try {
    context.responseFinished();
    if (context === getSecurityContext()) onFinish(context, response);
    else runInContext(context, onFinish, context, response);
  } catch (error) {
    reportInternalError('http.server.response.finish', error);
  }
}
