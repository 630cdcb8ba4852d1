import type { IncomingMessage } from 'node:http';
import {
  InstrumentationNodeModuleDefinition,
  InstrumentationNodeModuleFile,
} from '@opentelemetry/instrumentation';
import { guard } from '@secotel/sdk';
import { SecotelInstrumentation } from '@secotel/sdk/instrumentation';
import type { FrameworkReader } from '../framework-reader';
import { RequestContext } from '../request-context';
import { instrumentationId } from './instrumentation-name';

interface FastifyRequest {
  raw: IncomingMessage;
  routeOptions?: { url?: string };
  user?: unknown;
  params?: unknown;
  body?: unknown;
}
interface RequestClass {
  prototype: object;
}

const SUPPORTED = ['>=5 <6'];

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
const RAW_SETTER: PropertyDescriptor = {
  configurable: true,
  set(this: FastifyRequest, req: IncomingMessage) {
    Object.defineProperty(this, 'raw', { value: req, writable: true, enumerable: true, configurable: true });
    guard('fastify.request', () => RequestContext.of(req)?.useFramework(FASTIFY_REQUEST_READER, this));
  },
};

class FastifyInstrumentation extends SecotelInstrumentation {
  constructor() {
    super(...instrumentationId('fastify'), {});
  }

  protected override init() {
    return new InstrumentationNodeModuleDefinition('fastify', SUPPORTED, undefined, undefined, [
      new InstrumentationNodeModuleFile(
        'fastify/lib/request.js',
        SUPPORTED,
        (Request: RequestClass) => {
          Object.defineProperty(Request.prototype, 'raw', RAW_SETTER);
          return Request;
        },
        (Request: RequestClass) => {
          Reflect.deleteProperty(Request.prototype, 'raw');
        },
      ),
    ]);
  }
}

let instrumentation: FastifyInstrumentation | undefined;

/** Starts reading fastify's route template, request.user, params and parsed body for each request. */
export function enableFastify(): void {
  instrumentation ??= new FastifyInstrumentation();
  instrumentation.enable();
}
