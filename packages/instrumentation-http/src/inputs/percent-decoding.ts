/** Overlong UTF-8 and IIS %u forms of `.`, `/` and `\`, which old decoders turned into the real characters. */
const EVASIVE_FORMS: ReadonlyArray<[RegExp, string]> = [
  [/%c0%ae|%e0%80%ae|%u002e/gi, '.'],
  [/%c0%af|%e0%80%af|%u2215|%u002f/gi, '/'],
  [/%c1%9c|%c1%1c|%u2216|%u005c/gi, '\\'],
];
const PERCENT_BYTE = /%([0-9a-f]{2})/gi;
const MAX_LAYERS = 3;

/**
 * The value and what it becomes when percent-decoded again, up to twice more: an attack hidden by encoding
 * (`%2e%2e%2f`) or double encoding (`%252e%252e%252f`) shows in a later layer. Never throws, unlike
 * decodeURIComponent, since malformed encodings are exactly what attacks send.
 */
export function decodingLayers(value: string): string[] {
  const layers = [value];
  let current = value;
  while (layers.length < MAX_LAYERS && current.includes('%')) {
    let decoded = current;
    for (const [form, character] of EVASIVE_FORMS) decoded = decoded.replace(form, character);
    decoded = decoded.replace(PERCENT_BYTE, (_match, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
    if (decoded === current) break;
    layers.push(decoded);
    current = decoded;
  }
  return layers;
}
