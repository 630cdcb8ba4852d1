// Writes a generator's files (repository-relative path -> content), leaving unchanged files alone:
// rewriting one would only make incremental builds redo work.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** @param {string} root @param {Iterable<[string, string]>} files */
export function writeGenerated(root, files) {
  for (const [path, content] of files) {
    const target = join(root, path);
    if (readOrEmpty(target) === content) continue;
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    console.log(`wrote ${path}`);
  }
}

function readOrEmpty(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
