export {
  ExpressJwtInstrumentation,
  type ExpressJwtInstrumentationConfig,
} from './express-jwt-instrumentation';
export { FastJwtInstrumentation, type FastJwtInstrumentationConfig } from './fast-jwt-instrumentation';
export {
  FastifyJwtInstrumentation,
  type FastifyJwtInstrumentationConfig,
} from './fastify-jwt-instrumentation';
export { JoseInstrumentation, type JoseInstrumentationConfig } from './jose-instrumentation';
export {
  JsonwebtokenInstrumentation,
  type JsonwebtokenInstrumentationConfig,
} from './jsonwebtoken-instrumentation';
