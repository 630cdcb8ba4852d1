import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { guard } from '@secotel/sdk';
import type { FrameworkReader } from '../framework-reader';
import { RequestContext } from '../request-context';

interface FastifyRequest {
  raw: IncomingMessage;
  routeOptions?: { url?: string };
  user?: unknown;
  params?: unknown;
  body?: unknown;
}
interface FastifyInstance {
  addHook(name: 'onRequest', hook: (request: FastifyRequest, reply: unknown, done: () => void) => void): void;
}

const FASTIFY_REQUEST_READER: FrameworkReader<FastifyRequest> = {
  route: (request) => request.routeOptions?.url,
  user: (request) => request.user,
  params: (request) => request.params,
  body: (request) => request.body,
};

/** Hands each request's fastify Request to its context, which reads the route, user and body from it. */
function onRequest(request: FastifyRequest, _reply: unknown, done: () => void): void {
  guard('fastify.onRequest', () => {
    RequestContext.of(request.raw)?.useFramework(FASTIFY_REQUEST_READER, request);
  });
  done();
}

let enabled = false;

/**
 * Fastify 5 announces every new instance on the `fastify.initialization` diagnostics channel, so no module is
 * patched: an onRequest hook is added to each instance (its handler-level tracing channel does not fire for
 * requests refused before the handler, whose route the refusal facts need).
 */
export function enableFastify(): void {
  if (enabled) return;
  enabled = true;
  subscribe('fastify.initialization', (message) => {
    guard('fastify.initialization', () => {
      (message as { fastify: FastifyInstance }).fastify.addHook('onRequest', onRequest);
    });
  });
}
