#!/usr/bin/env node
// Generates the SIEM mapping's Go tables and docs/siem.md from spec/siem-mapping.yaml; see that file's header.
// Usage: node scripts/generate-siem-mapping.mjs [--mapping <file>]   (--mapping checks and renders another file)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { SpecError } from '../packages/semconv/generator/spec.mjs';
import { EVENTS_PATH, MAPPING_PATH, MappingError } from './siem-mapping/load.mjs';
import { renderAll } from './siem-mapping/render-all.mjs';

const root = join(import.meta.dirname, '..');
const { values } = parseArgs({ options: { mapping: { type: 'string', default: join(root, MAPPING_PATH) } } });

let files;
try {
  files = renderAll(readFileSync(values.mapping, 'utf8'), readFileSync(join(root, EVENTS_PATH), 'utf8'));
} catch (error) {
  if (!(error instanceof MappingError || error instanceof SpecError)) throw error;
  console.error(error.message);
  process.exit(1);
}

for (const [path, content] of files) {
  const target = join(root, path);
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
