import { Server as HttpServer } from 'node:http';
import { Server as HttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { reportInternalError, security } from '@secotel/sdk';
import { replaceEmit } from './replace-emit';

/** What node answers, by itself, to a request its parser rejects (see `socketOnError` in node's _http_server). */
const NODE_ANSWERS: Readonly<Record<string, number>> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
};

type Emit = (this: HttpServer, event: string | symbol, ...args: unknown[]) => boolean;

/**
 * Requests node's parser rejects (a malformed request line, oversized headers) never become requests: node
 * answers 400 or 431 itself through the server's 'clientError' event, and only when the application listens
 * to none. Adding a listener would switch that answer off, so the servers' emit is wrapped instead, to see the
 * event and report it as a rejected request, without changing what happens. Returns what undoes it.
 */
export function reportParserRejections(): () => void {
  const restorers = [HttpServer.prototype, HttpsServer.prototype].map((prototype) =>
    replaceEmit<Emit>(
      prototype,
      (original, isActive) =>
        function emit(this: HttpServer, event) {
          // Every request passes here ('request'): `arguments` only ever handed on whole, so that V8 does not
          // make the object (bench/http/PROFILE.md).
          // biome-ignore lint/complexity/noArguments: see above.
          if (event === 'clientError' && isActive()) Reflect.apply(reportParserRejection, this, arguments);
          // biome-ignore lint/complexity/noArguments: see above.
          return Reflect.apply(original, this, arguments);
        },
    ),
  );
  return () => {
    for (const restore of restorers) restore();
  };
}

/** Called with the server as `this` and the 'clientError' event's arguments. */
function reportParserRejection(this: HttpServer, _event: string, error: unknown, socket: unknown): void {
  try {
    const code = (error as { code?: unknown } | undefined)?.code;
    // Only parse errors (not a client going away), and only when node, not the application, answers.
    if (typeof code !== 'string' || !code.startsWith('HPE_') || this.listenerCount('clientError') > 0) return;
    const peer = socket as Socket | undefined;
    security.requestRejected({
      'http.response.status_code': NODE_ANSWERS[code] ?? 400,
      'error.type': code,
      'client.address': peer?.remoteAddress,
      'client.port': peer?.remotePort,
    });
  } catch (error) {
    reportInternalError('clientError', error);
  }
}
