import { register as registerAsyncHooks, registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { ImportSpecifier } from '@secotel/sdk/instrumentation';

/**
 * Whether import-in-the-middle's synchronous in-thread hooks can run here: this Node version runs them correctly,
 * and the entry is not a `node -e` script, whose `[eval]` entry they cannot resolve (those keep the off-thread
 * loader).
 */
export function syncHooksUsable(): boolean {
  if (usable === undefined) {
    const { supportsSyncHooks } = require('import-in-the-middle/supports-sync-hooks.mjs') as {
      supportsSyncHooks(): boolean;
    };
    usable = supportsSyncHooks() && (process as { _eval?: string })._eval === undefined;
  }
  return usable;
}

/** Asked at start-up by both the start and the loader hook; neither answer changes in a process. */
let usable: boolean | undefined;

/**
 * Installs import-in-the-middle's loader so that instrumentations can patch ES modules, intercepting only the
 * modules they name or whose URL matches a pattern they give (intercepting every module would slow down
 * start-up for nothing). Uses the synchronous in-thread hooks where they are usable, the off-thread loader
 * otherwise. `onImport`, given only where the synchronous hooks are usable, hears the specifier and URL of every
 * module the application imports until import-in-the-middle's hooks take over.
 */
export function registerEsmLoaderHook(
  include: readonly ImportSpecifier[],
  onImport?: (specifierOrUrl: string) => void,
): 'sync' | 'async' | 'none' {
  if (include.length === 0 && onImport === undefined) return 'none';
  if (syncHooksUsable()) {
    registerSyncHooksOnFirstIntercept(include, onImport);
    return 'sync';
  }
  if (include.length === 0) return 'none';
  registerAsyncHooks('import-in-the-middle/hook.mjs', pathToFileURL(__filename), {
    data: { include: [...include] },
  });
  return 'async';
}

type SyncHooks = Required<Parameters<typeof registerHooks>[0]>;
interface ImportInTheMiddleHooks {
  resolveSync: SyncHooks['resolve'];
  loadSync: SyncHooks['load'];
  applyOptions(options: { include: ImportSpecifier[] }): void;
}

/**
 * import-in-the-middle's in-thread hooks, whose module parsers load only when the application first imports a
 * module to intercept: until then they would hand every module on unchanged (an application that imports none
 * never loads them). From that import on, they see every resolution and load, as if installed at start-up.
 */
function registerSyncHooksOnFirstIntercept(
  include: readonly ImportSpecifier[],
  onImport: ((specifierOrUrl: string) => void) | undefined,
): void {
  let hooks: ImportInTheMiddleHooks | undefined;
  registerHooks({
    resolve(specifier, context, nextResolve) {
      if (hooks !== undefined) return hooks.resolveSync(specifier, context, nextResolve);
      // `require()` goes through these hooks too; import-in-the-middle leaves it to require hooks.
      if (context.conditions?.includes('require')) return nextResolve(specifier, context);
      const resolved = nextResolve(specifier, context);
      onImport?.(specifier);
      onImport?.(resolved.url);
      if (!intercepted(include, resolved.url, specifier)) return resolved;
      hooks = importInTheMiddleHooks(include);
      return hooks.resolveSync(specifier, context, nextResolve);
    },
    load(url, context, nextLoad) {
      return hooks === undefined ? nextLoad(url, context) : hooks.loadSync(url, context, nextLoad);
    },
  });
}

/** What import-in-the-middle's include list matches: a name as imported, a URL, or a pattern of the URL. */
function intercepted(include: readonly ImportSpecifier[], url: string, specifier: string): boolean {
  return include.some((each) =>
    typeof each === 'string' ? each === specifier || each === url : each.test(url),
  );
}

/** The hooks import-in-the-middle/register-hooks.mjs installs, made as it makes them (from its own URL). */
function importInTheMiddleHooks(include: readonly ImportSpecifier[]): ImportInTheMiddleHooks {
  const { createHook } = require('import-in-the-middle/create-hook.mjs') as {
    createHook(meta: { url: string }): ImportInTheMiddleHooks;
  };
  const hooks = createHook({
    url: pathToFileURL(require.resolve('import-in-the-middle/register-hooks.mjs')).href,
  });
  hooks.applyOptions({ include: [...include] });
  return hooks;
}
