import { types } from 'node:util';

/**
 * Exports whose functions an instrumentation can replace. `import` gets import-in-the-middle's namespace, whose
 * exports can be replaced; `require()` of an ES module (require(esm)) returns the module's real namespace, which
 * is sealed, so the application is handed a plain copy of it instead, still tagged as a Module for anyone who
 * inspects it.
 */
export function writableExports<Exports extends object>(moduleExports: Exports): Exports {
  if (!types.isModuleNamespaceObject(moduleExports)) return moduleExports;
  return Object.defineProperty(Object.assign(Object.create(null), moduleExports), Symbol.toStringTag, {
    value: 'Module',
  });
}
