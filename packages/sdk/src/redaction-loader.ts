/**
 * The redaction engine (its rules, detectors and pattern checks are a fifth of the SDK's code), loaded when it is
 * first needed: a redactor built, or SECOTEL_REDACT_VALUES checked. Through the package's own subpath export, so
 * that it resolves to the built files wherever the SDK runs (a relative require of a TypeScript source would not
 * resolve in the tests, which run the sources).
 */
export function loadRedaction(): typeof import('./redaction') {
  return require('@secotel/sdk/redaction') as typeof import('./redaction');
}
