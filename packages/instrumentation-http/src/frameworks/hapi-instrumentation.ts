import {
  type InstrumentationConfig,
  InstrumentationNodeModuleDefinition,
  InstrumentationNodeModuleFile,
} from '@opentelemetry/instrumentation';
import { lazily, SecotelInstrumentation } from '@secotel/sdk/instrumentation';
import { instrumentationId } from './instrumentation-name';

interface RequestClass {
  generate: unknown;
}

const SUPPORTED = ['>=21 <22'];

const patches = lazily(() => require('./hapi') as typeof import('./hapi'));

export type HapiInstrumentationConfig = InstrumentationConfig;

/**
 * hapi 21: the route template, authenticated credentials, params and payload of each request. Request.generate
 * builds every hapi request (of every server and decorated Request class) from node's own, so it is wrapped to
 * hand each one to its request's context.
 */
export class HapiInstrumentation extends SecotelInstrumentation<HapiInstrumentationConfig> {
  constructor(config: HapiInstrumentationConfig = {}) {
    super(...instrumentationId('hapi'), config);
  }

  protected override init() {
    return new InstrumentationNodeModuleDefinition('@hapi/hapi', SUPPORTED, undefined, undefined, [
      new InstrumentationNodeModuleFile(
        '@hapi/hapi/lib/request.js',
        SUPPORTED,
        (Request: RequestClass) => {
          this._wrap(Request, 'generate', patches().wrapGenerate as never);
          return Request;
        },
        (Request: RequestClass) => this._unwrap(Request, 'generate'),
      ),
    ]);
  }
}
