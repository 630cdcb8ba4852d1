export { RedactionConfigError } from './errors';
export { type RedactorOptions, valuePatternProblem } from './options';
export { Redactor } from './redactor';
export type { RedactionStrategy } from './rule-types';
