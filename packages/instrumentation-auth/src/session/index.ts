export {
  ExpressSessionInstrumentation,
  type ExpressSessionInstrumentationConfig,
} from './session-instrumentation';
