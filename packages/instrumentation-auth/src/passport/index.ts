export { enablePassport } from './instrumentation';
