import type { Matcher, RE2JS } from 're2js';
import { foldAsciiCase } from './ascii-case';
import type { DetectionContext } from './detectors';
import { mask } from './replacement';

/** The kind reported for user-configured value patterns (SECOTEL_REDACT_VALUES). */
const CUSTOM_VALUE_KIND = 'custom';

/** What JavaScript's \s matches; RE2's \s is only [\t\n\f\r ]. */
const JS_SPACES =
  '\\t\\n\\v\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}';

/**
 * User patterns are written in the JavaScript/RE2 common subset (spec/redaction.md, section 4) and run on RE2JS,
 * a linear-time engine: a pattern such as `(a+)+$` cannot make a value take exponential time, as it would on
 * JavaScript's backtracking engine. This gives a pattern its JavaScript meaning in RE2 syntax, exactly as the Go
 * redactor does: \s and \S cover JavaScript's white space, \uXXXX is written \x{XXXX}, (?i:...) folds ASCII only.
 */
function translateUserPattern(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i] as string;
    if (char === '\\' && i + 1 < source.length) {
      const next = source[i + 1] as string;
      const hex = source.slice(i + 2, i + 6);
      if (next === 's' && inClass) out += JS_SPACES;
      else if (next === 's') out += `[${JS_SPACES}]`;
      else if (next === 'S' && !inClass) out += `[^${JS_SPACES}]`;
      else if (next === 'u' && /^[0-9A-Fa-f]{4}$/.test(hex)) {
        out += `\\x{${hex}}`;
        i += 4;
      } else out += char + next;
      i++;
      continue;
    }
    if (inClass && char === ']') {
      inClass = false;
    } else if (!inClass && char === '[') {
      inClass = true;
      out += char;
      if (source[i + 1] === '^') {
        out += '^';
        i++;
      }
      continue;
    }
    out += char;
  }
  return foldAsciiCase(out);
}

/**
 * Compiles a user pattern for RE2JS; throws the engine's error for a pattern RE2 cannot run. The engine is
 * loaded only when SECOTEL_REDACT_VALUES is set: it costs start-up time.
 */
export function compileUserPattern(source: string): RE2JS {
  const { RE2JS: Engine } = require('re2js') as typeof import('re2js');
  return Engine.compile(translateUserPattern(source));
}

/**
 * Applies the user patterns (kind custom, mask) to a text. Replacement markers are opaque to them: the text is
 * cut at every marker and each piece between markers is searched as a text of its own, so a pattern never
 * matches inside its own output (`[A-Z]{8}` and `[REDACTED:custom]`) or across a marker. Linear in the text.
 */
export class UserPatterns {
  private readonly patterns: readonly { readonly regex: RE2JS; readonly secret: boolean }[];

  constructor(
    sources: readonly string[],
    private readonly markers: RegExp,
  ) {
    this.patterns = sources.map((source) => {
      const regex = compileUserPattern(source);
      return { regex, secret: Object.hasOwn(regex.namedGroups(), 'secret') };
    });
  }

  get active(): boolean {
    return this.patterns.length > 0;
  }

  apply(text: string, context: DetectionContext): string {
    for (const pattern of this.patterns) text = this.applyOne(text, pattern, context);
    return text;
  }

  private applyOne(
    text: string,
    pattern: UserPatterns['patterns'][number],
    context: DetectionContext,
  ): string {
    let output = '';
    let pieceStart = 0;
    this.markers.lastIndex = 0;
    for (let marker = this.markers.exec(text); ; marker = this.markers.exec(text)) {
      const pieceEnd = marker === null ? text.length : marker.index;
      output += replaceInPiece(text.slice(pieceStart, pieceEnd), pattern, context);
      if (marker === null) return output;
      output += marker[0];
      pieceStart = marker.index + marker[0].length;
    }
  }
}

const CUSTOM_MASK = mask(CUSTOM_VALUE_KIND);

/** Spec section 4, Matching, on one piece: leftmost matches, no overlaps, a rejected match retried one code point on. */
function replaceInPiece(
  piece: string,
  { regex, secret }: { readonly regex: RE2JS; readonly secret: boolean },
  context: DetectionContext,
): string {
  if (piece === '') return piece;
  const matcher: Matcher = regex.matcher(piece);
  let output = '';
  let copiedUpTo = 0;
  let from = 0;
  while (from <= piece.length && matcher.find(from)) {
    const matchStart = matcher.start();
    let start = matchStart;
    let end = matcher.end();
    if (secret && matcher.start('secret') !== -1) {
      start = matcher.start('secret');
      end = matcher.end('secret');
    }
    if (start === end || piece.slice(start, end) === CUSTOM_MASK) {
      if (matchStart >= piece.length) break;
      from = matchStart + codePointWidth(piece, matchStart);
      continue;
    }
    context.count(CUSTOM_VALUE_KIND);
    output += piece.slice(copiedUpTo, start) + CUSTOM_MASK;
    copiedUpTo = end;
    from = matcher.end();
  }
  return copiedUpTo === 0 ? piece : output + piece.slice(copiedUpTo);
}

function codePointWidth(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
}
