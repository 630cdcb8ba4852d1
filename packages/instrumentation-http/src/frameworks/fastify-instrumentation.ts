import {
  type InstrumentationConfig,
  InstrumentationNodeModuleDefinition,
  InstrumentationNodeModuleFile,
} from '@opentelemetry/instrumentation';
import { lazily, SecotelInstrumentation } from '@secotel/sdk/instrumentation';
import { instrumentationId } from './instrumentation-name';

interface RequestClass {
  prototype: object;
}

const SUPPORTED = ['>=5 <6'];

const patches = lazily(() => require('./fastify') as typeof import('./fastify'));

export type FastifyInstrumentationConfig = InstrumentationConfig;

/**
 * fastify 5: the route template, request.user, params and parsed body of each request, read from fastify's own
 * Request object, which a setter for `raw` on the root Request prototype hands to the request's context (see
 * fastify.ts). No hook, plugin or decorator is added: nothing the application can list changes.
 */
export class FastifyInstrumentation extends SecotelInstrumentation<FastifyInstrumentationConfig> {
  constructor(config: FastifyInstrumentationConfig = {}) {
    super(...instrumentationId('fastify'), config);
  }

  protected override init() {
    return new InstrumentationNodeModuleDefinition('fastify', SUPPORTED, undefined, undefined, [
      new InstrumentationNodeModuleFile(
        'fastify/lib/request.js',
        SUPPORTED,
        (Request: RequestClass) => {
          Object.defineProperty(Request.prototype, 'raw', patches().RAW_SETTER);
          return Request;
        },
        (Request: RequestClass) => {
          Reflect.deleteProperty(Request.prototype, 'raw');
        },
      ),
    ]);
  }
}
