export { RedactionConfigError } from './errors';
export type { RedactorOptions } from './options';
export { Redactor } from './redactor';
export type { RedactionStrategy } from './rule-types';
