import { cpSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CACHE_DIR, REPO_ROOT } from '../../../../test-support/paths';

/**
 * Express 4 is installed beside express 5 under the npm alias `express4`; instrumentations recognise a module
 * by its directory name, as in a real application, so a copy is placed where it is named `express`.
 */
export function express4Directory(): string {
  const target = resolve(CACHE_DIR, 'express4/node_modules/express');
  if (!existsSync(resolve(target, 'package.json'))) {
    cpSync(resolve(REPO_ROOT, 'node_modules/express4'), target, { recursive: true });
  }
  return target;
}
