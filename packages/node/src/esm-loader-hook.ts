import { register as registerAsyncHooks } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { ImportSpecifier } from '@secotel/sdk/instrumentation';

/**
 * Installs import-in-the-middle's loader so that instrumentations can patch ES modules, intercepting only the
 * modules they name or whose URL matches a pattern they give (intercepting every module would slow down
 * start-up for nothing). Uses the synchronous in-thread hooks where this Node version runs them correctly, the
 * off-thread loader otherwise.
 */
export function registerEsmLoaderHook(include: readonly ImportSpecifier[]): 'sync' | 'async' | 'none' {
  if (include.length === 0) return 'none';
  const { supportsSyncHooks } = require('import-in-the-middle/supports-sync-hooks.mjs') as {
    supportsSyncHooks(): boolean;
  };
  // import-in-the-middle's in-thread hooks cannot resolve the `[eval]` entry of `node -e` scripts, so those
  // keep the off-thread loader.
  const evaluating = (process as { _eval?: string })._eval !== undefined;
  if (supportsSyncHooks() && !evaluating) {
    const { register } = require('import-in-the-middle/register-hooks.mjs') as {
      register(options: { include: ImportSpecifier[] }): void;
    };
    register({ include: [...include] });
    return 'sync';
  }
  registerAsyncHooks('import-in-the-middle/hook.mjs', pathToFileURL(__filename), {
    data: { include: [...include] },
  });
  return 'async';
}
