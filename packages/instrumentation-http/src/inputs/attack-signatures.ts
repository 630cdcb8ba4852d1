import type { InputSource, RequestInput } from '@secotel/sdk';
import { decodingLayers } from './percent-decoding';

export type AttackKind = 'path_traversal' | 'null_byte' | 'crlf_injection';

/** A `..` path segment, with either separator. */
const TRAVERSAL_STEP = /(?:^|[\\/])\.\.(?:[\\/]|$)/;
/** Two steps in a row: climbing out of a directory on purpose, not a relative link. */
const REPEATED_STEPS = /\.\.[\\/]+\.\.(?:[\\/]|$)/;
/** One step aimed at a file every traversal scanner asks for. */
const STEP_TO_KNOWN_TARGET =
  /\.\.[\\/]+(?:[^\s]*[\\/])?(?:etc[\\/](?:passwd|shadow|hosts)|win\.ini|boot\.ini|windows[\\/]system32|proc[\\/]self[\\/]|\.env\b|web\.config|\.htaccess|\.git[\\/])/i;
const WHITESPACE = /\s/;
/** CR or LF followed by something shaped like a header line: the start of response splitting or header injection. */
const INJECTED_HEADER_LINE = /[\r\n][\t ]*[A-Za-z0-9-]+[\t ]*:|\r\n\r\n/;
/** Sources whose values end up in URLs, headers and redirects, where a line break is never legitimate. */
const LINE_BREAK_SENSITIVE: ReadonlySet<InputSource> = new Set([
  'path',
  'query',
  'route',
  'header',
  'cookie',
]);
/** What every signature needs (`..`, a percent-encoding, a NUL, a line break); most values fail this one test. */
export const MAY_CARRY_ATTACK = /[%\0\r\n]|\.\./;

/**
 * The attack an input carries, if it carries one with high confidence. Each signature is narrow on purpose
 * (see the package README): prose that mentions `../`, a multi-line comment or an apostrophe is not an attack.
 */
export function attackKind(input: RequestInput): AttackKind | undefined {
  if (!MAY_CARRY_ATTACK.test(input.value)) return undefined;
  const layers = decodingLayers(input.value);
  if (layers.some((layer, depth) => isTraversal(layer, depth, input.source))) return 'path_traversal';
  // One layer of decoding is what an application that decodes its input once sees.
  if (layers.slice(0, 2).some((layer) => layer.includes('\0'))) return 'null_byte';
  if (LINE_BREAK_SENSITIVE.has(input.source) && layers.some((layer) => INJECTED_HEADER_LINE.test(layer))) {
    return 'crlf_injection';
  }
  return undefined;
}

function isTraversal(layer: string, depth: number, source: InputSource): boolean {
  if (!layer.includes('..')) return false;
  if (REPEATED_STEPS.test(layer) || STEP_TO_KNOWN_TARGET.test(layer)) return true;
  if (!TRAVERSAL_STEP.test(layer)) return false;
  // Browsers resolve `..` before sending a URL, so a single step in the path was put there by hand; in other
  // inputs one step counts only when it is hidden by encoding inside a value that is a path, not prose.
  return source === 'path' ? true : depth > 0 && !WHITESPACE.test(layer);
}
