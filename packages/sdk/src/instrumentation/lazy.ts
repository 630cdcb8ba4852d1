/**
 * Loads an instrumentation's patch code the first time it is needed (when its library is first required or
 * imported), so an application that never uses the library never loads it. `load` is a `require()` of the
 * module holding the wrappers.
 */
export function lazily<Module>(load: () => Module): () => Module {
  let loaded: Module | undefined;
  return () => {
    loaded ??= load();
    return loaded;
  };
}
