import { diag } from '@opentelemetry/api';
import {
  type InstrumentationModuleDefinition,
  InstrumentationNodeModuleDefinition,
  InstrumentationNodeModuleFile,
} from '@opentelemetry/instrumentation';
import {
  type ImportSpecifier,
  importedAs,
  importSpecifiers,
  SecotelInstrumentation,
} from '@secotel/sdk/instrumentation';

/** What register must know of an instrumentation before its library is loaded: its module definitions, less code. */
export interface InstrumentationOutline {
  readonly name: string;
  readonly version: string;
  readonly modules: readonly ModuleOutline[];
}

export interface ModuleOutline {
  readonly name: string;
  readonly supportedVersions: readonly string[];
  readonly includePrerelease?: boolean;
  /** Whether the module itself has a patch and an unpatch (or only files in it). */
  readonly patch: boolean;
  readonly unpatch: boolean;
  readonly files: readonly { readonly name: string; readonly supportedVersions: readonly string[] }[];
  /** What the ESM loader hook intercepts for it (see importedAs); none for a module only `require`d. */
  readonly importedAs: readonly ImportSpecifier[];
}

/**
 * An instrumentation whose class (and package) is loaded only when a library it patches is first required or
 * imported: until then it stands in with the same module definitions (names, versions, files, import
 * specifiers), hooked, version-checked and enabled as the real one would be. Its patches hand the module to the
 * real instrumentation's, which sees the stand-in's enabled state. An instrumentation without module definitions
 * (http: diagnostics channels) has nothing to wait for, and is created at once, as is one without an outline.
 */
export function deferredInstrumentation(
  outline: InstrumentationOutline | undefined,
  create: () => SecotelInstrumentation,
): SecotelInstrumentation {
  if (outline === undefined || outline.modules.length === 0) return create();
  const outlined = outline;
  /** Undefined until the first patch; null when the class could not be created (its library then runs as is). */
  let real: SecotelInstrumentation | null | undefined;
  const realDefinition = (index: number): InstrumentationModuleDefinition | undefined => {
    if (real === undefined) {
      try {
        real = create();
        // Its wrappers ask whether they are on: the stand-in was enabled, the real one never is (it hooks nothing).
        real.isEnabled = () => standIn.isEnabled();
      } catch (error) {
        real = null;
        diag.error(`secotel: ${outlined.name} could not be created; its library is left as it is`, error);
      }
    }
    return real?.getModuleDefinitions()[index];
  };
  // A hook must not throw into the application's require or import: without the real definition, nothing changes.
  const patchOf =
    (
      patch: (definition: InstrumentationModuleDefinition, exports: unknown, version?: string) => unknown,
      index: number,
    ) =>
    (exports: unknown, version?: string) => {
      const definition = realDefinition(index);
      return definition === undefined ? exports : patch(definition, exports, version);
    };

  class DeferredInstrumentation extends SecotelInstrumentation {
    protected override init(): InstrumentationModuleDefinition[] {
      return outlined.modules.map((module, index) => {
        const definition: InstrumentationModuleDefinition = new InstrumentationNodeModuleDefinition(
          module.name,
          [...module.supportedVersions],
          module.patch
            ? patchOf((real, exports, version) => real.patch?.(exports, version), index)
            : undefined,
          module.unpatch
            ? patchOf((real, exports, version) => real.unpatch?.(exports, version), index)
            : undefined,
          module.files.map(
            (file, fileIndex) =>
              new InstrumentationNodeModuleFile(
                file.name,
                [...file.supportedVersions],
                patchOf((real, exports, version) => real.files[fileIndex]?.patch(exports, version), index),
                patchOf((real, exports, version) => real.files[fileIndex]?.unpatch(exports, version), index),
              ),
          ),
        );
        if (module.includePrerelease === true) definition.includePrerelease = true;
        return module.importedAs.length > 0 ? importedAs(definition, module.importedAs) : definition;
      });
    }
  }
  const standIn = new DeferredInstrumentation(outline.name, outline.version, { enabled: false });
  return standIn;
}

/** The outline of a real instrumentation (what instrumentation-outlines.generated.ts holds). */
export function outlineOf(instrumentation: SecotelInstrumentation): InstrumentationOutline {
  return {
    name: instrumentation.instrumentationName,
    version: instrumentation.instrumentationVersion,
    modules: instrumentation.getModuleDefinitions().map((definition) => ({
      name: definition.name,
      supportedVersions: definition.supportedVersions,
      ...(definition.includePrerelease === true ? { includePrerelease: true } : {}),
      patch: typeof definition.patch === 'function',
      unpatch: typeof definition.unpatch === 'function',
      files: definition.files.map(({ name, supportedVersions }) => ({ name, supportedVersions })),
      importedAs: importSpecifiers([{ getModuleDefinitions: () => [definition] }]),
    })),
  };
}
