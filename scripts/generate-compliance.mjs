#!/usr/bin/env node
// Writes docs/compliance.md from spec/compliance.yaml and the compliance field of each event in
// spec/security-events.yaml; exits 1 naming every problem when the mapping is wrong.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPLIANCE_PATH, ComplianceError, DOC_PATH, renderCompliance } from './compliance/render.mjs';
import { writeGenerated } from './write-generated.mjs';

const root = join(import.meta.dirname, '..');
try {
  const doc = renderCompliance(
    readFileSync(join(root, COMPLIANCE_PATH), 'utf8'),
    readFileSync(join(root, 'spec/security-events.yaml'), 'utf8'),
  );
  writeGenerated(root, [[DOC_PATH, doc]]);
} catch (error) {
  if (!(error instanceof ComplianceError)) throw error;
  console.error(error.message);
  process.exit(1);
}
