export {
  BetterAuthInstrumentation,
  type BetterAuthInstrumentationConfig,
} from './better-auth';
export { OpenidClientInstrumentation, type OpenidClientInstrumentationConfig } from './oidc';
export { PassportInstrumentation, type PassportInstrumentationConfig } from './passport';
export { ExpressSessionInstrumentation, type ExpressSessionInstrumentationConfig } from './session';
export {
  ExpressJwtInstrumentation,
  type ExpressJwtInstrumentationConfig,
  FastifyJwtInstrumentation,
  type FastifyJwtInstrumentationConfig,
  FastJwtInstrumentation,
  type FastJwtInstrumentationConfig,
  JoseInstrumentation,
  type JoseInstrumentationConfig,
  JsonwebtokenInstrumentation,
  type JsonwebtokenInstrumentationConfig,
} from './tokens';
