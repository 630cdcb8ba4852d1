import { types } from 'node:util';

/** The copy handed out for each sealed namespace, so patch and unpatch (and a later patch) meet on one object. */
const copies = new WeakMap<object, object>();

/**
 * Exports whose functions an instrumentation can replace. `import` gets import-in-the-middle's namespace, whose
 * exports can be replaced; `require()` of an ES module (require(esm)) returns the module's real namespace, which
 * is sealed, so the application is handed a plain copy of it instead, still tagged as a Module for anyone who
 * inspects it. OpenTelemetry hands unpatch the namespace, not what patch returned: unpatch calls this too, to
 * get the copy the application holds.
 */
export function writableExports<Exports extends object>(moduleExports: Exports): Exports {
  if (!types.isModuleNamespaceObject(moduleExports)) return moduleExports;
  let copy = copies.get(moduleExports);
  if (copy === undefined) {
    copy = Object.defineProperty(Object.assign(Object.create(null), moduleExports), Symbol.toStringTag, {
      value: 'Module',
    }) as object;
    copies.set(moduleExports, copy);
  }
  return copy as Exports;
}
