// The floor of a request context, for bench/http (BENCH_VARIANTS=...,floor): what carrying one object per request
// through node:http costs with no security logic at all. Each request's object is entered from node's
// http.server.request.start channel, the response's 'finish' is noted, and the request's and response's events
// that node emits outside it (the body's 'data' and 'end') run inside it, as secotel's HTTP layer does (node's
// own 'end' clean-up after the answer excepted, see packages/instrumentation-http/src/request-context.ts).
import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe } from 'node:diagnostics_channel';
import { IncomingMessage, ServerResponse } from 'node:http';

const storage = new AsyncLocalStorage();
const CONTEXT = Symbol('floor.request-context');

subscribe('http.server.request.start', ({ request, response }) => {
  const context = { request, endListenersAtFinish: undefined };
  request[CONTEXT] = context;
  response[CONTEXT] = context;
  storage.enterWith(context);
});

for (const prototype of [IncomingMessage.prototype, ServerResponse.prototype]) {
  const original = prototype.emit;
  prototype.emit = function emit(event) {
    // biome-ignore lint/complexity/noArguments: the call is handed on exactly as it was made, as secotel's is.
    const args = arguments;
    const context = this[CONTEXT];
    if (context === undefined) return Reflect.apply(original, this, args);
    // The response finished: node is about to add its own 'end' listener to the request.
    if (event === 'finish') context.endListenersAtFinish ??= context.request.listenerCount('end');
    if (
      this.listenerCount(event) === 0 ||
      context === storage.getStore() ||
      nodesOwnEnd(this, event, context)
    ) {
      return Reflect.apply(original, this, args);
    }
    return storage.run(context, Reflect.apply, original, this, args);
  };
}

function nodesOwnEnd(target, event, context) {
  return event === 'end' && context.endListenersAtFinish === 0 && !target.readableDidRead;
}
