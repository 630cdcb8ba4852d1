import {
  type InstrumentationConfig,
  InstrumentationNodeModuleDefinition,
  InstrumentationNodeModuleFile,
} from '@opentelemetry/instrumentation';
import { importedAs, lazily, SecotelInstrumentation } from '@secotel/sdk/instrumentation';
import { instrumentationId } from './instrumentation-name';

interface GuardsConsumerModule {
  GuardsConsumer: { prototype: Record<string, unknown> };
}

const SUPPORTED = ['>=11 <13'];
/**
 * NestJS 12 is ES modules and imports this file by a relative path no package name matches, so the ESM
 * loader hook is given a pattern for its URL. NestJS 11 is CommonJS: its files are required.
 */
const GUARDS_CONSUMER_URL = /\/@nestjs\/core\/guards\/guards-consumer\.js$/;

const patches = lazily(() => require('./nestjs') as typeof import('./nestjs'));

export type NestjsInstrumentationConfig = InstrumentationConfig;

/**
 * NestJS 11 and 12: route templates, users, bodies and refusals come from the express and fastify
 * instrumentations (Nest registers its routes with the adapter's router); this adds which controller method a
 * guard refused, from GuardsConsumer#tryActivate, which runs a route's guards.
 */
export class NestjsInstrumentation extends SecotelInstrumentation<NestjsInstrumentationConfig> {
  constructor(config: NestjsInstrumentationConfig = {}) {
    super(...instrumentationId('nestjs'), config);
  }

  protected override init() {
    return importedAs(
      new InstrumentationNodeModuleDefinition('@nestjs/core', SUPPORTED, undefined, undefined, [
        new InstrumentationNodeModuleFile(
          '@nestjs/core/guards/guards-consumer.js',
          SUPPORTED,
          (moduleExports: GuardsConsumerModule) => {
            this._wrap(
              moduleExports.GuardsConsumer.prototype,
              'tryActivate',
              patches().wrapTryActivate as never,
            );
            return moduleExports;
          },
          (moduleExports: GuardsConsumerModule) =>
            this._unwrap(moduleExports.GuardsConsumer.prototype, 'tryActivate'),
        ),
      ]),
      [GUARDS_CONSUMER_URL],
    );
  }
}
