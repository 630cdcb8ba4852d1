// The Go processor's redaction rules come from the same expansion of spec/redaction-rules.yaml as the SDK's:
// scripts/generate-redaction-rules.mjs writes both, and rules_generated.go is what it writes now.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderGoRulesFormatted } from '../generate-redaction-rules.mjs';
import { GO_OUTPUT_PATH } from '../redaction-rules-go.mjs';

const ROOT = join(__dirname, '..', '..');

describe("the Go processor's redaction rules", () => {
  it('are what scripts/generate-redaction-rules.mjs writes from spec/redaction-rules.yaml', () => {
    expect(readFileSync(join(ROOT, GO_OUTPUT_PATH), 'utf8')).toBe(renderGoRulesFormatted());
  });

  it('follow an edit of the YAML (a changed macro reaches every detector that uses it)', () => {
    const yaml = readFileSync(join(ROOT, 'spec', 'redaction-rules.yaml'), 'utf8');
    const edited = renderGoRulesFormatted(
      yaml.replace(/^(\s*escape:\s*)'(.*)'$/m, "$1'$2|%u[0-9A-Fa-f]{4}'"),
    );
    expect(edited).not.toBe(renderGoRulesFormatted(yaml));
    expect(edited).toContain('|%u[0-9A-Fa-f]{4})');
  });

  it('are gofmt-clean', () => {
    expect(execFileSync('gofmt', ['-l', join(ROOT, GO_OUTPUT_PATH)], { encoding: 'utf8' })).toBe('');
  });
});
