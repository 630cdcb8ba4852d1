export { PassportInstrumentation, type PassportInstrumentationConfig } from './passport-instrumentation';
