import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRules, OUTPUT_PATH, renderRules } from '../../../scripts/generate-redaction-rules.mjs';
import { foldAsciiCase } from '../src/redaction/ascii-case';
import { findUnportableConstruct, secretEndsPattern } from '../src/redaction/pattern-dialect';
import { RULES } from '../src/redaction/rules.generated';

const STAND_IN_KEYS = '(?i:password|api[_.-]?key|pwd)';
// Compiled as the SDK compiles them (case-insensitive groups written out: Node 22 has no inline modifiers).
const patternOf = (source: string) =>
  new RegExp(foldAsciiCase(source.replaceAll('{{secret_key}}', STAND_IN_KEYS)), 'g');

describe('spec/redaction-rules.yaml', () => {
  it('is what rules.generated.ts was generated from (run scripts/generate-redaction-rules.mjs)', () => {
    expect(readFileSync(OUTPUT_PATH, 'utf8')).toBe(renderRules());
  });

  it('uses only constructs that JavaScript and Go RE2 read alike', () => {
    for (const detector of RULES.detectors) {
      for (const source of [detector.pattern, detector.prefilter ?? '']) {
        expect(findUnportableConstruct(source, { strict: true }), detector.id).toBeUndefined();
      }
    }
  });

  it('puts the secret group at the end of every pattern, so that its place follows from the captures', () => {
    for (const detector of RULES.detectors)
      expect(secretEndsPattern(detector.pattern), detector.id).toBe(true);
  });

  it('has pre-filters that every match passes (checked on the vectors)', () => {
    const vectors = readFileSync(join(__dirname, '../../../spec/redaction-vectors.json'), 'utf8');
    const texts = [...vectors.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map(
      ([quoted]) => JSON.parse(quoted) as string,
    );
    let checked = 0;
    for (const detector of RULES.detectors.filter(({ kindFromKey }) => !kindFromKey)) {
      const regex = patternOf(detector.pattern);
      for (const text of texts) {
        for (const match of text.matchAll(regex)) {
          checked++;
          if (detector.prefilter === undefined) {
            const found = detector.literals.some((literal) =>
              match[0].toLowerCase().includes(literal.toLowerCase()),
            );
            expect(found, `${detector.id} matched "${match[0]}"`).toBe(true);
          } else {
            expect(
              new RegExp(foldAsciiCase(detector.prefilter)).test(match[0]),
              `${detector.id} matched "${match[0]}"`,
            ).toBe(true);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('rejects rule files with mistakes, naming where', () => {
    const spec = readFileSync(join(__dirname, '../../../spec/redaction-rules.yaml'), 'utf8');
    expect(() => compileRules(spec.replace('{{b64token}}', '{{b64tokn}}'))).toThrow(
      /unknown macro \{\{b64tokn\}\}/,
    );
    expect(() => compileRules(spec.replace('literals: [eyJ]', 'literals: []'))).toThrow(
      /detectors\[1\]\.literals/,
    );
    expect(() => compileRules(spec.replace('strategy: hash', 'strategy: scramble'))).toThrow(
      /strategy: must be one of/,
    );
    expect(() => compileRules(spec.replace("pattern: 'NRAK-", "pattern: '(NRAK-"))).toThrow(
      /does not compile/,
    );
  });
});
