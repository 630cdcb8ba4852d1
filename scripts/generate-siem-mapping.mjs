#!/usr/bin/env node
// Generates the SIEM mapping's Go tables and docs/siem.md from spec/siem-mapping.yaml; see that file's header.
// Usage: node scripts/generate-siem-mapping.mjs [--mapping <file>]   (--mapping checks and renders another file)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SpecError } from '../packages/semconv/generator/spec.mjs';
import { EVENTS_PATH, MAPPING_PATH, MappingError } from './siem-mapping/load.mjs';
import { renderAll } from './siem-mapping/render-all.mjs';
import { writeGenerated } from './write-generated.mjs';

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

writeGenerated(root, files);
