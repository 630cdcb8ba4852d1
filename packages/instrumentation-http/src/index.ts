export {
  ExpressInstrumentation,
  type ExpressInstrumentationConfig,
} from './frameworks/express-instrumentation';
export {
  FastifyInstrumentation,
  type FastifyInstrumentationConfig,
} from './frameworks/fastify-instrumentation';
export { KoaInstrumentation, type KoaInstrumentationConfig } from './frameworks/koa-instrumentation';
export {
  HttpServerInstrumentation,
  type HttpServerInstrumentationConfig,
} from './http-server-instrumentation';
