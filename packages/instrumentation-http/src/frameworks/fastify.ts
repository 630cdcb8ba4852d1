// The patch of FastifyInstrumentation (fastify-instrumentation.ts), loaded when fastify is first required.
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
const FASTIFY_REQUEST_READER: FrameworkReader<FastifyRequest> = {
  route: (request) => request.routeOptions?.url,
  user: (request) => request.user,
  params: (request) => request.params,
  body: (request) => request.body,
};

/**
 * Every fastify Request, of every encapsulation level and trust-proxy setting, is built by a
 * constructor that assigns `this.raw = req`, and each inherits from the root Request of
 * lib/request.js. A setter for `raw` on that root prototype sees each new Request as it is
 * built: it stores `raw` as the own data property the assignment would have made, and hands the
 * Request to its request's context. Nothing the application can list changes: no hook, plugin or
 * decorator is added (an onRequest hook did show in printRoutes, printPlugins and hook counts).
 */
export const RAW_SETTER: PropertyDescriptor = {
  configurable: true,
  set(this: FastifyRequest, req: IncomingMessage) {
    Object.defineProperty(this, 'raw', { value: req, writable: true, enumerable: true, configurable: true });
    guard('fastify.request', () => RequestContext.of(req)?.useFramework(FASTIFY_REQUEST_READER, this));
  },
};
