import { OUTLINES } from './instrumentation-outlines.generated';

/**
 * The short names of the instrumentations register starts, as users put them in SECOTEL_INSTRUMENTATIONS /
 * SECOTEL_DISABLED_INSTRUMENTATIONS (the outlines have one per instrumentation, without loading any class).
 */
export const INSTRUMENTATION_NAMES: readonly string[] = Object.keys(OUTLINES);

/** Those named in SECOTEL_INSTRUMENTATIONS (all when unset), less the disabled ones, in the order of all. */
export function selectedNames(enabled: readonly string[] | undefined, disabled: readonly string[]): string[] {
  return INSTRUMENTATION_NAMES.filter(
    (name) => (enabled === undefined || enabled.includes(name)) && !disabled.includes(name),
  );
}
