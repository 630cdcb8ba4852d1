import { applyDetector, type DetectionContext, type Detector } from './detectors';
import { LiteralScanner } from './literal-scanner';
import { codePointCut, neutraliseControls } from './sanitize';

export const TRUNCATION_MARKER = '[TRUNCATED]';
/** Work is bounded by this many times the string cap, so a secret crossing the cap is still seen whole. */
const WORK_WINDOW_FACTOR = 2;
/**
 * Attribute values repeat (routes, user agents, outcomes), so clean ones are remembered and not scanned again.
 * Bodies and nested values are sentences and data that rarely repeat, so they are not worth the bookkeeping.
 */
const CLEAN_CACHE_LIMIT = 8192;
const CLEAN_CACHE_MAX_LENGTH = 256;

/** How a detector's pre-filter is evaluated. */
type Gate = 'literals' | 'prefilter' | 'always';

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
  private readonly anchorStarts: number[] = [];
  private scannedText: string | undefined;
  private readonly clean = new Set<string>();

  constructor(
    private readonly detectors: readonly Detector[],
    private readonly context: DetectionContext,
    private readonly maxLength: number,
  ) {
    const literals: string[] = [];
    const literalDetectors: number[][] = [];
    const anchorLiterals: boolean[] = [];
    detectors.forEach((detector, index) => {
      for (const literal of detector.literals) {
        let position = literals.indexOf(literal.toLowerCase());
        if (position === -1) position = literals.push(literal.toLowerCase()) - 1;
        (literalDetectors[position] ??= []).push(index);
        anchorLiterals[position] = (anchorLiterals[position] ?? false) || detector.anchored;
      }
    });
    this.scanner = new LiteralScanner(literals);
    this.literalDetectors = literalDetectors;
    this.anchorLiterals = anchorLiterals;
    this.gates = detectors.map(({ literals, prefilter }): Gate =>
      literals.length > 0 ? 'literals' : prefilter !== undefined ? 'prefilter' : 'always',
    );
    this.literalFound = new Uint32Array(detectors.length);
  }

  redact(input: string, repeats = false): string {
    if (repeats && this.clean.has(input)) return input;
    const windowEnd = codePointCut(input, this.maxLength * WORK_WINDOW_FACTOR);
    let text = windowEnd === undefined ? input : input.slice(0, windowEnd);
    // The scan that finds the literals also tells whether there is anything to neutralise.
    if (!this.scan(text)) {
      const neutralised = neutraliseControls(text);
      if (neutralised !== text) this.context.count('control_character');
      text = neutralised;
    }
    text = this.detect(text);
    const cut = codePointCut(text, this.maxLength);
    if (windowEnd !== undefined || cut !== undefined) {
      this.context.count('truncated');
      return text.slice(0, cut) + TRUNCATION_MARKER;
    }
    if (repeats && text === input) this.remember(input);
    return text;
  }

  /** Each active detector in order, on the previous one's output, when its pre-filter lets the text through. */
  private detect(text: string): string {
    const { detectors, gates, literalFound } = this;
    for (let index = 0; index < detectors.length; index++) {
      const gate = gates[index];
      if (gate === 'literals') {
        // Pre-filters apply to the current text, so a replacement earlier in the loop means a new scan.
        if (text !== this.scannedText) this.scan(text);
        if (literalFound[index] !== this.generation) continue;
      } else if (gate === 'prefilter' && !(detectors[index]?.prefilter as RegExp).test(text)) {
        continue;
      }
      text = applyDetector(text, detectors[index] as Detector, this.context, this.anchorStarts);
    }
    return text;
  }

  /** Finds the literals in `text`; returns whether it is plain printable ASCII. */
  private scan(text: string): boolean {
    this.generation++;
    this.anchorStarts.length = 0;
    const plain = this.scanner.scan(text, this.found);
    // Occurrences arrive in order of their ends; anchored detectors need their starts ascending.
    if (this.anchorStarts.length > 1) this.anchorStarts.sort((a, b) => a - b);
    this.scannedText = text;
    return plain;
  }

  private readonly found = (literal: number, start: number): void => {
    for (const index of this.literalDetectors[literal] as readonly number[]) this.literalFound[index] = this.generation;
    if (this.anchorLiterals[literal]) this.anchorStarts.push(start);
  };

  private remember(input: string): void {
    if (input.length > CLEAN_CACHE_MAX_LENGTH) return;
    if (this.clean.size >= CLEAN_CACHE_LIMIT) this.clean.clear();
    this.clean.add(input);
  }
}
