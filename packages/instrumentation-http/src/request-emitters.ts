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
  return replaceEmit<Emit>(
    prototype,
    (original, isActive) =>
      function emit(this: IncomingMessage | ServerResponse, event) {
        // A request emits about eight events: the common path allocates nothing (no array of arguments).
        // biome-ignore lint/complexity/noArguments: the call is handed on exactly as it was made.
        const args = arguments;
        const context = isActive() ? RequestContext.of(this) : undefined;
        if (context === undefined) return Reflect.apply(original, this, args);
        // A response's 'finish' is told to onFinish; any other event needs the context only for its listeners.
        const finish = event === 'finish' ? onFinish : undefined;
        if (finish === undefined && !needsContext(context, this, event))
          return Reflect.apply(original, this, args);
        // Node emits most events with listeners from inside the context (a 'finish' as a rule): no entering then.
        if (context === getSecurityContext()) return handOn(original, this, args, context, finish);
        return runInContext(context, () => handOn(original, this, args, context, finish));
      },
  );
}

/** Whether the event has listeners that must run in the request's context. */
function needsContext(
  context: RequestContext,
  target: IncomingMessage | ServerResponse,
  event: string | symbol,
): boolean {
  try {
    // Without listeners there is nothing to run in a context; most events of a request have none.
    if (target.listenerCount(event) === 0) return false;
    return !(event === 'end' && target === context.incoming && context.endNeedsNoContext());
  } catch (error) {
    reportInternalError('request event', error);
    return false;
  }
}

/** Tells the context and `onFinish` (when given) that the response finished, then hands the event on. */
function handOn(
  original: Emit,
  target: IncomingMessage | ServerResponse,
  args: IArguments,
  context: RequestContext,
  onFinish: OnFinish | undefined,
): boolean {
  if (onFinish !== undefined) {
    try {
      context.responseFinished();
      onFinish(context, target as ServerResponse);
    } catch (error) {
      reportInternalError('http.server.response.finish', error);
    }
  }
  return Reflect.apply(original, target, args);
}
