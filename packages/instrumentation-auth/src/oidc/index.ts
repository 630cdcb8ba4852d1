export {
  OpenidClientInstrumentation,
  type OpenidClientInstrumentationConfig,
} from './openid-client-instrumentation';
