import { foldAsciiCase } from './ascii-case';
import type { KeyMatcher } from './key-matcher';
import type { Replacement } from './replacement';
import type { CardBrandSpec, DetectorSpec, PseudonymizedKind, RedactionStrategy } from './rule-types';
import { RULES } from './rules.generated';
import { codePointLength } from './sanitize';
import { createValidator, type Validator } from './validators';

export interface Detector {
  /** Undefined: the kind of the key rule that matches the `key` group. */
  readonly kind: string | undefined;
  /** Sticky when anchored, global otherwise. */
  readonly regex: RegExp;
  /** Pre-filter: the detector runs only on text containing one of these (ASCII case-insensitive)... */
  readonly literals: readonly string[];
  /** ...or matching this (every built-in detector has one or the other). */
  readonly prefilter: RegExp | undefined;
  /** The pattern starts with its key, so every match starts where a key word starts: only those are tried. */
  readonly anchored: boolean;
  readonly minLength: number;
  readonly validate: Validator | undefined;
  readonly strategy: RedactionStrategy;
  readonly keepLast: number | undefined;
}

interface DetectorSettings {
  readonly pseudonymize: ReadonlySet<PseudonymizedKind>;
  readonly keyMatcher: KeyMatcher;
  readonly cardBrands: readonly CardBrandSpec[];
}

/** A pattern whose matches start with the `key` group (macros wrap it in non-capturing groups). */
const STARTS_WITH_KEY = /^(?:\(\?:)*\(\?<key>/;

/** The active built-in detectors in spec order (opt-in ones only when enabled); user patterns: user-patterns.ts. */
export function compileDetectors(specs: readonly DetectorSpec[], settings: DetectorSettings): Detector[] {
  const keyPattern = settings.keyMatcher.textPattern();
  return specs
    .filter((spec) => spec.optIn === undefined || settings.pseudonymize.has(spec.optIn))
    .map((spec): Detector => {
      const anchored = STARTS_WITH_KEY.test(spec.pattern);
      return {
        kind: spec.kind,
        regex: new RegExp(
          foldAsciiCase(spec.pattern.replaceAll('{{secret_key}}', keyPattern)),
          anchored ? 'y' : 'g',
        ),
        literals: spec.kindFromKey ? settings.keyMatcher.firstWords() : spec.literals,
        prefilter: spec.prefilter === undefined ? undefined : new RegExp(foldAsciiCase(spec.prefilter)),
        anchored,
        minLength: spec.minLength,
        validate:
          spec.validator === undefined ? undefined : createValidator(spec.validator, settings.cardBrands),
        strategy: spec.strategy,
        keepLast: spec.keepLast,
      };
    });
}

/** Where replacements go and are counted. */
export interface DetectionContext {
  readonly keyMatcher: KeyMatcher;
  readonly replacement: Replacement;
  count(kind: string): void;
}

/**
 * Replaces every accepted match, scanning left to right without overlaps. The `secret` group is replaced when it
 * took part in the match, otherwise the whole match; the rest of the match is kept. After a rejected match the
 * search goes on one character after its start, so a candidate that overlaps a rejected one is still found.
 * An anchored detector is tried only at `starts` (ascending): the same search with the certain misses skipped.
 */
export function applyDetector(
  text: string,
  detector: Detector,
  context: DetectionContext,
  starts: readonly number[],
): string {
  const { regex } = detector;
  let output = '';
  let copiedUpTo = 0;
  let from = 0;
  for (let attempt = 0; from <= text.length; attempt++) {
    if (detector.anchored) {
      while (attempt < starts.length && (starts[attempt] as number) < from) attempt++;
      if (attempt === starts.length) break;
    }
    regex.lastIndex = detector.anchored ? (starts[attempt] as number) : from;
    const match = regex.exec(text);
    if (match === null) {
      if (detector.anchored) continue;
      break;
    }
    const [start, end] = secretSpan(match);
    const replacement =
      start === end ? undefined : replacementFor(text.slice(start, end), match, detector, context);
    if (replacement === undefined) {
      from = match.index + 1;
      continue;
    }
    output += text.slice(copiedUpTo, start) + replacement;
    copiedUpTo = end;
    from = regex.lastIndex;
  }
  return copiedUpTo === 0 ? text : output + text.slice(copiedUpTo);
}

/**
 * Where the secret is: the `secret` group, which ends the pattern but for an `after` group (checked for the spec's
 * rules and the user's), or the whole match. Cheaper than match indices, which cost more than the match.
 */
function secretSpan(match: RegExpExecArray): [number, number] {
  const end = match.index + match[0].length - (match.groups?.after?.length ?? 0);
  const secret = match.groups?.secret;
  return [secret === undefined ? match.index : end - secret.length, end];
}

/** The replacement for an accepted match (counted), or undefined when the match is not a secret after all. */
function replacementFor(
  secret: string,
  match: RegExpExecArray,
  detector: Detector,
  context: DetectionContext,
): string | undefined {
  if (codePointLength(secret) < detector.minLength) return undefined;
  // What the replacement is made from: a card's partial marker ends with the card's digits, not a CVV after it.
  const shown = detector.validate === undefined ? secret : detector.validate(secret);
  if (shown === undefined) return undefined;
  const kind =
    detector.kind ?? context.keyMatcher.kindOfTextKey(match.groups?.key ?? '', continuesWord(match));
  if (kind === undefined) return undefined;
  const replacement = context.replacement.render(detector.strategy, kind, shown, detector.keepLast);
  if (replacement === secret) return undefined;
  context.count(kind);
  return replacement;
}

/**
 * Whether the match (which starts with its key) continues a word: it follows an ASCII letter or digit that does
 * not end an escape (`%3B`, `\n`, `\u001b`), since an escape stands for a separator.
 */
function continuesWord(match: RegExpExecArray): boolean {
  const before = match.input.slice(Math.max(0, match.index - LONGEST_ESCAPE), match.index);
  return /[A-Za-z0-9]$/.test(before) && !ESCAPE_AT_END.test(before);
}

const ESCAPE_AT_END = new RegExp(`(?:${RULES.escape})$`);
/** \u001b */
const LONGEST_ESCAPE = 6;
