import { escapeRegExp } from './pattern-dialect';
import type { RuleSet } from './rule-types';

/** Kinds that do not come from the rules: user patterns, user key fragments, a string that never settled. */
const EXTRA_MARKER_KINDS = ['custom', 'custom_key', 'pass_limit'] as const;

/**
 * Every marker the redactor can write (spec/redaction.md, "Markers"): a mask or partial mask of any kind, a
 * keyed hash of a hashing kind, and the structural markers. Exact kinds, so that text cannot pass for a marker
 * and hide from the user patterns unless it is one of these shapes.
 */
export function markerPattern(rules: RuleSet): RegExp {
  const kinds = new Set<string>([
    ...rules.keyRules.map(({ kind }) => kind),
    ...rules.detectors.flatMap(({ kind }) => (kind === undefined ? [] : [kind])),
    ...EXTRA_MARKER_KINDS,
  ]);
  const hashKinds = new Set(
    rules.detectors.flatMap((d) => (d.strategy === 'hash' && d.kind ? [d.kind] : [])),
  );
  const keepLast = Math.max(0, ...rules.detectors.map((d) => d.keepLast ?? 0));
  const alternatives = (set: Set<string>) => [...set].sort().map(escapeRegExp).join('|');
  return new RegExp(
    `\\[(?:REDACTED:(?:${alternatives(kinds)})(?::\\*\\*\\*\\*[A-Za-z0-9]{0,${keepLast}})?` +
      `|HASH:(?:${alternatives(hashKinds)}):[0-9a-f]{16}` +
      '|TRUNCATED:depth|UNSUPPORTED:(?:function|symbol|bigint|bytes|object)|CIRCULAR)\\]',
    'g',
  );
}
