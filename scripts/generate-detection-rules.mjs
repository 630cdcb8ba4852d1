#!/usr/bin/env node
// Generates the default detection rules' copies (Go defaults, Prometheus alerts, tables, demo expectations and the
// SIEM detection content) from spec/detection-rules.yaml; see that file's header.
// Usage: node scripts/generate-detection-rules.mjs [--rules <file>]   (--rules checks and renders another file)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SpecError } from '../packages/semconv/generator/spec.mjs';
import { RULES_PATH, RulesError } from './detection-rules/load.mjs';
import { renderAll } from './detection-rules/render-all.mjs';
import { EVENTS_PATH, MAPPING_PATH, MappingError } from './siem-mapping/load.mjs';
import { writeGenerated } from './write-generated.mjs';

const root = join(import.meta.dirname, '..');
const { values } = parseArgs({ options: { rules: { type: 'string', default: join(root, RULES_PATH) } } });
const read = (path) => readFileSync(join(root, path), 'utf8');

let files;
try {
  files = renderAll(readFileSync(values.rules, 'utf8'), read(EVENTS_PATH), read(MAPPING_PATH), read);
} catch (error) {
  if (!(error instanceof RulesError || error instanceof MappingError || error instanceof SpecError))
    throw error;
  console.error(error.message);
  process.exit(1);
}

writeGenerated(root, files);
