export {
  ExpressInstrumentation,
  type ExpressInstrumentationConfig,
} from './frameworks/express-instrumentation';
export {
  FastifyInstrumentation,
  type FastifyInstrumentationConfig,
} from './frameworks/fastify-instrumentation';
export { HapiInstrumentation, type HapiInstrumentationConfig } from './frameworks/hapi-instrumentation';
export { KoaInstrumentation, type KoaInstrumentationConfig } from './frameworks/koa-instrumentation';
export {
  NestjsInstrumentation,
  type NestjsInstrumentationConfig,
} from './frameworks/nestjs-instrumentation';
export {
  HttpServerInstrumentation,
  type HttpServerInstrumentationConfig,
} from './http-server-instrumentation';
