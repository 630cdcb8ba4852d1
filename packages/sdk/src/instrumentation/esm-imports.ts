import type { InstrumentationModuleDefinition } from '@opentelemetry/instrumentation';

const IMPORT_SPECIFIERS = Symbol('secotel.importSpecifiers');

interface MarkedDefinition extends InstrumentationModuleDefinition {
  [IMPORT_SPECIFIERS]?: readonly string[];
}

/** What `importSpecifiers` reads: anything with OpenTelemetry's module definitions. */
interface HasModuleDefinitions {
  getModuleDefinitions(): InstrumentationModuleDefinition[];
}

/**
 * Marks a module definition whose patch must also see the module when an application `import`s it (a package
 * that ships ES modules, or a built-in): the ESM loader hook then intercepts `specifiers`, the names the
 * application imports it by (its name by default, plus subpaths such as `jose/jwt/verify`). CommonJS packages
 * need no mark: their files are required, even from an ES module, and require hooks see them.
 */
export function importedAs<Definition extends InstrumentationModuleDefinition>(
  definition: Definition,
  specifiers: readonly string[] = [definition.name],
): Definition {
  (definition as MarkedDefinition)[IMPORT_SPECIFIERS] = specifiers;
  return definition;
}

/** The specifiers the ESM loader hook must intercept for these instrumentations, from their module definitions. */
export function importSpecifiers(instrumentations: Iterable<HasModuleDefinitions>): string[] {
  const specifiers = new Set<string>();
  for (const instrumentation of instrumentations) {
    for (const definition of instrumentation.getModuleDefinitions() as MarkedDefinition[]) {
      for (const specifier of definition[IMPORT_SPECIFIERS] ?? []) specifiers.add(specifier);
    }
  }
  return [...specifiers];
}
