#!/usr/bin/env node
// Generates the event model's code and docs from spec/security-events.yaml; see spec/README.md.
// Usage: node scripts/generate-semconv.mjs [--spec <file>]   (--spec reads another spec, e.g. to try a change)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { renderAll, SPEC_PATH } from '../packages/semconv/generator/render-all.mjs';
import { SpecError } from '../packages/semconv/generator/spec.mjs';

const root = join(import.meta.dirname, '..');
const { values } = parseArgs({ options: { spec: { type: 'string', default: join(root, SPEC_PATH) } } });

let files;
try {
  files = renderAll(readFileSync(values.spec, 'utf8'));
} catch (error) {
  if (!(error instanceof SpecError)) throw error;
  console.error(error.message);
  process.exit(1);
}

for (const [path, content] of files) {
  const target = join(root, path);
  // Rewriting an unchanged file would only make incremental builds redo work.
  if (readOrEmpty(target) === content) continue;
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content);
  console.log(`wrote ${path}`);
}

function readOrEmpty(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
