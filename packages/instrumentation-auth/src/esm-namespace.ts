/**
 * A plain object with an ES module namespace's exports, still tagged as a Module for anyone who inspects it.
 * `require()` of an ES module (require(esm)) returns the module's real namespace, which is sealed, so an
 * instrumentation hands the application this copy with its exports wrapped instead.
 */
export function namespaceCopy<Exports extends object>(namespace: Exports): Exports {
  return Object.defineProperty(Object.assign(Object.create(null), namespace), Symbol.toStringTag, {
    value: 'Module',
  });
}
