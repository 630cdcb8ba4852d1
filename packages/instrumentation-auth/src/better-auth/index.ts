export {
  BetterAuthInstrumentation,
  type BetterAuthInstrumentationConfig,
} from './better-auth-instrumentation';
