export {
  guard,
  type LoginFailure,
  type LoginSuccess,
  reportInternalError,
  type SecurityApi,
  security,
} from './api';
export {
  DEFAULTS,
  type ReadConfigOptions,
  readConfig,
  type SecotelConfig,
  type TrustProxy,
  type UserTrackingMode,
} from './config/config';
export { ConfigError, type Env } from './config/env-reader';
export {
  enterContext,
  getSecurityContext,
  type InputSource,
  type RequestInput,
  type RequestInputs,
  recordedInContext,
  runInContext,
  runWithContext,
  type SecurityContext,
  type SecurityUser,
} from './context';
export { errorType } from './error-type';
export { KeyedHasher } from './keyed-hash';
export type { StartupFacts } from './lifecycle/lifecycle';
export { SecotelLogRecordProcessor } from './log-record-processor';
export { SECURITY_SCOPE, type SecotelSdk, type StartOptions, startSecotel } from './sdk';
export { securityUser } from './user-fields';
