export { PassportInstrumentation, type PassportInstrumentationConfig } from './passport';
export { ExpressSessionInstrumentation, type ExpressSessionInstrumentationConfig } from './session';
export {
  JoseInstrumentation,
  type JoseInstrumentationConfig,
  JsonwebtokenInstrumentation,
  type JsonwebtokenInstrumentationConfig,
} from './tokens';
