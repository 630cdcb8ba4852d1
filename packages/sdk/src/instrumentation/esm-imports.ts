import type { InstrumentationModuleDefinition } from '@opentelemetry/instrumentation';

const IMPORT_SPECIFIERS = Symbol('secotel.importSpecifiers');

/**
 * What an application imports a module by: its specifier, or a pattern matched against the module's URL for a
 * file a package imports by relative path (which no specifier names).
 */
export type ImportSpecifier = string | RegExp;

interface MarkedDefinition extends InstrumentationModuleDefinition {
  [IMPORT_SPECIFIERS]?: readonly ImportSpecifier[];
}

/** What `importSpecifiers` reads: anything with OpenTelemetry's module definitions. */
interface HasModuleDefinitions {
  getModuleDefinitions(): InstrumentationModuleDefinition[];
}

/**
 * Marks a module definition whose patch must also see the module when an application `import`s it (a package
 * that ships ES modules, a built-in, or a CommonJS package patched in its main module, which `import` loads
 * without require hooks): the ESM loader hook then intercepts `specifiers`, the names the application imports
 * it by (its name by default, plus subpaths such as `jose/jwt/verify`, or URL patterns). Files a CommonJS
 * package requires itself need no mark: require hooks see them, even under an ES module.
 */
export function importedAs<Definition extends InstrumentationModuleDefinition>(
  definition: Definition,
  specifiers: readonly ImportSpecifier[] = [definition.name],
): Definition {
  (definition as MarkedDefinition)[IMPORT_SPECIFIERS] = specifiers;
  return definition;
}

/** The specifiers the ESM loader hook must intercept for these instrumentations, from their module definitions. */
export function importSpecifiers(instrumentations: Iterable<HasModuleDefinitions>): ImportSpecifier[] {
  const specifiers = new Set<ImportSpecifier>();
  for (const instrumentation of instrumentations) {
    for (const definition of instrumentation.getModuleDefinitions() as MarkedDefinition[]) {
      for (const specifier of definition[IMPORT_SPECIFIERS] ?? []) specifiers.add(specifier);
    }
  }
  return [...specifiers];
}
