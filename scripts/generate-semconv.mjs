#!/usr/bin/env node
// Generates the event model's code and docs from spec/security-events.yaml; see spec/README.md.
// Usage: node scripts/generate-semconv.mjs [--spec <file>]   (--spec reads another spec, e.g. to try a change)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { renderAll, SPEC_PATH } from '../packages/semconv/generator/render-all.mjs';
import { SpecError } from '../packages/semconv/generator/spec.mjs';
import { writeGenerated } from './write-generated.mjs';

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

writeGenerated(root, files);
