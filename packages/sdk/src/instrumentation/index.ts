// @secotel/sdk/instrumentation: what secotel's instrumentation packages build on. A subpath of its
// own, so an application using only the security API does not load @opentelemetry/instrumentation.
export { boundedMemo } from './bounded-memo';
export { type ImportSpecifier, importedAs, importSpecifiers } from './esm-imports';
export { SecotelInstrumentation } from './instrumentation-base';
export { keepSignature, WRAPPED_ORIGINAL } from './keep-signature';
export { lazily } from './lazy';
