import { applyDetector, type DetectionContext, type Detector } from './detectors';
import { LiteralScanner } from './literal-scanner';
import { internedCopy, ownCopy } from './own-copy';
import { mask } from './replacement';
import { codePointCut, neutraliseControls } from './sanitize';
import type { UserPatterns } from './user-patterns';

const TRUNCATION_MARKER = '[TRUNCATED]';
/** Characters a secret can be made of (besides non-ASCII): a cut never shortens a run of them. */
const SECRET_CHARACTER = /[A-Za-z0-9_.~+/=:@%-]/;
/** Work is bounded by this many times the string cap, so a secret crossing the cap is still seen whole. */
const WORK_WINDOW_FACTOR = 2;
/**
 * Attribute values repeat (routes, user agents, outcomes), so clean ones are remembered and not scanned again.
 * Bodies and nested values are sentences and data that rarely repeat, so they are not worth the bookkeeping.
 */
const CLEAN_CACHE_LIMIT = 8192;
const CLEAN_CACHE_MAX_LENGTH = 256;
/** The cache's bound in characters (its entries are interned copies, see own-copy.ts): about 2 MB at most. */
const CLEAN_CACHE_MAX_CHARACTERS = 1 << 20;

/** Passes of the detectors a string may take to settle; one still changing after the last is masked whole. */
const MAX_PASSES = 16;
const PASS_LIMIT_KIND = 'pass_limit';

/** How a detector's pre-filter is evaluated. */
type Gate = 'literals' | 'prefilter';

/** One string through the pipeline of spec/redaction.md, "Strings": window, neutralise, detect, cap. */
export class StringRedactor {
  private readonly scanner: LiteralScanner;
  /** For each scanner literal, the detectors it lets through, and whether anchored detectors start at it. */
  private readonly literalDetectors: readonly (readonly number[])[];
  private readonly anchorLiterals: readonly boolean[];
  private readonly gates: readonly Gate[];
  /** The last scan: detectors whose literals occur are marked with its generation; anchored detectors' starts. */
  private readonly literalFound: Uint32Array;
  private generation = 0;
  private literalsFound = false;
  private readonly anchorStarts: number[] = [];
  /** Detectors the last scan marked, in the order found; with the pre-filtered ones, a pass's candidates. */
  private readonly marked: number[] = [];
  private readonly prefiltered: readonly number[];
  private readonly candidates: number[] = [];
  /** Matches wherever a built-in detector without literals might run: with no literal found either, none can. */
  private readonly unlistedGate: RegExp;
  private scannedText: string | undefined;
  /** Clean attribute values, each mapped to its interned copy (which is also the key), see own-copy.ts. */
  private readonly clean = new Map<string, string>();
  private cleanCharacters = 0;

  constructor(
    private readonly detectors: readonly Detector[],
    private readonly userPatterns: UserPatterns,
    private readonly context: DetectionContext,
    private readonly maxLength: number,
  ) {
    const literals: string[] = [];
    const literalDetectors: number[][] = [];
    const anchorLiterals: boolean[] = [];
    detectors.forEach((detector, index) => {
      for (const literal of detector.literals) {
        let position = literals.indexOf(literal.toLowerCase());
        if (position === -1) {
          position = literals.push(literal.toLowerCase()) - 1;
          literalDetectors.push([]);
          anchorLiterals.push(false);
        }
        literalDetectors[position]?.push(index);
        anchorLiterals[position] ||= detector.anchored;
      }
    });
    this.scanner = new LiteralScanner(literals);
    this.literalDetectors = literalDetectors;
    this.anchorLiterals = anchorLiterals;
    this.gates = detectors.map(({ literals }): Gate => (literals.length > 0 ? 'literals' : 'prefilter'));
    this.prefiltered = detectors.flatMap((_, index) => (this.gates[index] === 'prefilter' ? [index] : []));
    this.literalFound = new Uint32Array(detectors.length);
    this.unlistedGate = unlistedGate(detectors);
  }

  /**
   * The string pipeline. The result always has characters of its own (see ownCopy), so that what the export
   * queue and the caches hold never keeps a caller's larger string alive.
   */
  redact(input: string, repeats = false): string {
    if (repeats) {
      const known = this.clean.get(input);
      if (known !== undefined) return known;
    }
    const text = this.redactText(input);
    this.scannedText = undefined;
    if (repeats && text === input) return this.remember(input);
    return ownCopy(text);
  }

  private redactText(input: string): string {
    // A marker from an earlier pass is set aside, so that redacting the output again gives the same output.
    let truncated = input.endsWith(TRUNCATION_MARKER);
    let text = truncated ? input.slice(0, -TRUNCATION_MARKER.length) : input;
    const windowEnd = codePointCut(text, this.maxLength * WORK_WINDOW_FACTOR);
    if (windowEnd !== undefined) {
      // The detectors never see a run of secret characters that the window splits whole, so none of it is kept.
      text = text.slice(0, runStart(text, windowEnd));
      truncated = true;
    }
    // The scan that finds the literals also tells whether there is anything to neutralise.
    if (!this.scan(text)) {
      const neutralised = neutraliseControls(text);
      if (neutralised !== text) this.context.count('control_character');
      text = neutralised;
    }
    text = this.detect(text);
    const cut = codePointCut(text, this.maxLength);
    if (cut !== undefined) {
      text = text.slice(0, safeCut(text, cut));
      truncated = true;
    }
    if (truncated) {
      this.context.count('truncated');
      return text + TRUNCATION_MARKER;
    }
    return text;
  }

  /**
   * Passes of the detectors until one changes nothing: a replacement can give its neighbour the separator it
   * lacked ("4111111111111111ghp_..." has a card only once the token is masked), and the output must be final.
   * Each pass that changes something turns text into markers, which no detector matches, so this ends; the pass
   * limit bounds the work a crafted value can cause (each replacement could otherwise enable just one more).
   */
  private detect(text: string): string {
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const next = this.detectOnce(text);
      if (next === text) return text;
      text = next;
    }
    this.context.count(PASS_LIMIT_KIND);
    return mask(PASS_LIMIT_KIND);
  }

  /**
   * Each active detector in order, on the previous one's output, when its pre-filter lets the text through.
   * Until one changes the text, only the candidates are tried: the detectors whose literals the scan found and,
   * when the union of their pre-filters matches, those gated by a pre-filter. The others' pre-filters fail.
   */
  private detectOnce(text: string): string {
    if (text !== this.scannedText) this.scan(text);
    const unlisted = this.unlistedGate.test(text);
    // The common case, benign text: one scan and one test, then done.
    if (!this.literalsFound && !unlisted) return this.withUserPatterns(text);
    const { candidates, detectors, gates } = this;
    candidates.length = 0;
    for (const index of this.marked) insertSorted(candidates, index);
    if (unlisted) for (const index of this.prefiltered) insertSorted(candidates, index);
    for (const index of candidates) {
      const detector = detectors[index] as Detector;
      if (gates[index] === 'prefilter' && !(detector.prefilter as RegExp).test(text)) continue;
      const next = applyDetector(text, detector, this.context, this.anchorStarts);
      if (next !== text) return this.detectFrom(index + 1, next);
    }
    return this.withUserPatterns(text);
  }

  /** The rest of a pass after a replacement: detectors from `first` on, each pre-filter on the current text. */
  private detectFrom(first: number, text: string): string {
    const { detectors, gates, literalFound } = this;
    for (let index = first; index < detectors.length; index++) {
      const detector = detectors[index] as Detector;
      if (gates[index] === 'literals') {
        // Pre-filters apply to the current text, so a replacement earlier in the loop means a new scan.
        if (text !== this.scannedText) this.scan(text);
        if (literalFound[index] !== this.generation) continue;
      } else if (!(detector.prefilter as RegExp).test(text)) {
        continue;
      }
      text = applyDetector(text, detector, this.context, this.anchorStarts);
    }
    return this.withUserPatterns(text);
  }

  private withUserPatterns(text: string): string {
    return this.userPatterns.active ? this.userPatterns.apply(text, this.context) : text;
  }

  /** Finds the literals in `text`; returns whether it is plain printable ASCII. */
  private scan(text: string): boolean {
    // Marks are compared with the generation, so none is cleared; only a wrap-around needs a fresh start.
    if (++this.generation > 0xffffffff) {
      this.literalFound.fill(0);
      this.generation = 1;
    }
    this.anchorStarts.length = 0;
    this.marked.length = 0;
    this.literalsFound = false;
    const plain = this.scanner.scan(text, this.found);
    // Occurrences arrive in order of their ends; anchored detectors need their starts ascending.
    if (this.anchorStarts.length > 1) this.anchorStarts.sort((a, b) => a - b);
    this.scannedText = text;
    return plain;
  }

  private readonly found = (literal: number, start: number): void => {
    this.literalsFound = true;
    for (const index of this.literalDetectors[literal] as readonly number[]) {
      if (this.literalFound[index] === this.generation) continue;
      this.literalFound[index] = this.generation;
      this.marked.push(index);
    }
    if (this.anchorLiterals[literal]) this.anchorStarts.push(start);
  };

  private remember(input: string): string {
    if (input.length > CLEAN_CACHE_MAX_LENGTH) return ownCopy(input);
    const copy = internedCopy(input);
    if (
      this.clean.size >= CLEAN_CACHE_LIMIT ||
      this.cleanCharacters + copy.length > CLEAN_CACHE_MAX_CHARACTERS
    ) {
      this.clean.clear();
      this.cleanCharacters = 0;
    }
    this.clean.set(copy, copy);
    this.cleanCharacters += copy.length;
    return copy;
  }
}

/** Adds `value` to the ascending `list` (a few items: no comparator call per comparison). */
function insertSorted(list: number[], value: number): void {
  let at = list.length;
  list.push(value);
  while (at > 0 && (list[at - 1] as number) > value) {
    list[at] = list[at - 1] as number;
    at--;
  }
  list[at] = value;
}

/** The union of the pre-filters of the detectors without literals. */
function unlistedGate(detectors: readonly Detector[]): RegExp {
  const unlisted = detectors.filter(({ literals }) => literals.length === 0);
  if (unlisted.length === 0) return /[^\s\S]/;
  return new RegExp(unlisted.map(({ prefilter }) => (prefilter as RegExp).source).join('|'));
}

/**
 * Where to cut a too-long result: at `cut`, unless that splits a run of secret characters (which, shortened,
 * might match a detector the whole run did not): then at the start of the run, unless the run starts the text.
 */
function safeCut(text: string, cut: number): number {
  const start = runStart(text, cut);
  return start === 0 ? cut : start;
}

/** The start of the run of secret characters that a cut at `cut` would split, or `cut` itself. */
function runStart(text: string, cut: number): number {
  if (!SECRET_CHARACTER.test(text.charAt(cut - 1)) || !SECRET_CHARACTER.test(text.charAt(cut))) return cut;
  let start = cut - 1;
  while (start > 0 && SECRET_CHARACTER.test(text.charAt(start - 1))) start--;
  return start;
}
