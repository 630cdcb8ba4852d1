import { IncomingMessage, ServerResponse } from 'node:http';
import { getSecurityContext, reportInternalError, runInContext } from '@secotel/sdk';
import { replaceEmit } from './replace-emit';
import { RequestContext } from './request-context';

type Emit = (this: IncomingMessage | ServerResponse, event: string | symbol, ...args: unknown[]) => boolean;

/**
 * Node runs a request's later stream events ('data' and 'end' of the body, 'finish' of the response) from
 * the socket, outside the request's async context, and body parsers call the rest of the application from
 * there. Wrapping emit on the two prototypes (once, not per request) runs those listeners in the request's
 * context; objects that belong to no server request pass straight through. Returns what undoes it.
 */
export function runRequestEventsInContext(): () => void {
  const restoreRequest = wrapEmit(IncomingMessage.prototype, (target) => target as IncomingMessage);
  const restoreResponse = wrapEmit(ServerResponse.prototype, (target) => (target as ServerResponse).req);
  return () => {
    restoreRequest();
    restoreResponse();
  };
}

function wrapEmit(
  prototype: IncomingMessage | ServerResponse,
  requestOf: (target: IncomingMessage | ServerResponse) => IncomingMessage | undefined,
): () => void {
  return replaceEmit<Emit>(
    prototype,
    (original, isActive) =>
      function emit(this: IncomingMessage | ServerResponse, event) {
        // A request emits about eight events: the common path allocates nothing (no array of arguments).
        // biome-ignore lint/complexity/noArguments: the call is handed on exactly as it was made.
        const args = arguments;
        const context = isActive() ? contextToEnter(this, event, requestOf) : undefined;
        if (context === undefined) return Reflect.apply(original, this, args);
        return runInContext(context, () => Reflect.apply(original, this, args));
      },
  );
}

/** The request context an event must run in, when it has listeners and is not running in it already. */
function contextToEnter(
  target: IncomingMessage | ServerResponse,
  event: string | symbol,
  requestOf: (target: IncomingMessage | ServerResponse) => IncomingMessage | undefined,
): RequestContext | undefined {
  try {
    // Without listeners there is nothing to run in a context; most events of a request have none.
    if (target.listenerCount(event) === 0) return undefined;
    const request = requestOf(target);
    const context = request === undefined ? undefined : RequestContext.of(request);
    if (context === undefined || context === getSecurityContext()) return undefined;
    return event === 'end' && target === request && context.endNeedsNoContext() ? undefined : context;
  } catch (error) {
    reportInternalError('request event', error);
    return undefined;
  }
}
