import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root, which the generator's output paths are relative to. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export function readSpecText(): string {
  return readFileSync(`${REPO_ROOT}spec/security-events.yaml`, 'utf8');
}
