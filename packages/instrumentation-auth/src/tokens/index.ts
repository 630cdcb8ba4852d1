export { JoseInstrumentation, type JoseInstrumentationConfig } from './jose-instrumentation';
export {
  JsonwebtokenInstrumentation,
  type JsonwebtokenInstrumentationConfig,
} from './jsonwebtoken-instrumentation';
