/** The property of a secotel wrapper that holds the function it wraps (for tests and diagnostics). */
export const WRAPPED_ORIGINAL = Symbol.for('secotel.wrappedOriginal');

/**
 * Makes a wrapper indistinguishable from the function it wraps by its `length` and `name`: code that
 * reads them keeps working (express tells error middleware by `length === 4`; libraries' own tests
 * check their methods' arity). Returns the wrapper.
 */
export function keepSignature<W>(wrapper: W, original: unknown): W {
  if (typeof wrapper !== 'function' || typeof original !== 'function' || wrapper === original) return wrapper;
  Object.defineProperty(wrapper, 'length', { value: original.length, configurable: true });
  Object.defineProperty(wrapper, 'name', { value: original.name, configurable: true });
  Object.defineProperty(wrapper, WRAPPED_ORIGINAL, { value: original, configurable: true });
  return wrapper;
}
