import type { InputSource, RequestInput } from '@secotel/sdk';

/** Bounds on what one request's inputs may cost to capture and keep. */
export const INPUT_LIMITS = {
  maxInputsPerSource: 128,
  maxDepth: 8,
  maxValueLength: 4_096,
  maxKeyLength: 128,
} as const;

/**
 * Flattens a parsed value (a JSON body, route parameters) into one input per string leaf, with its path,
 * e.g. `.body.user.name` or `.body.items[0]`. Bounded in depth, count and length; numbers and booleans
 * are left out, since no attack signature can live in them.
 */
export function flatten(source: InputSource, prefix: string, value: unknown): RequestInput[] {
  const inputs: RequestInput[] = [];
  const visit = (node: unknown, path: string, depth: number): void => {
    if (inputs.length >= INPUT_LIMITS.maxInputsPerSource) return;
    if (typeof node === 'string') {
      inputs.push(input(source, path, node));
      return;
    }
    if (typeof node !== 'object' || node === null || depth >= INPUT_LIMITS.maxDepth) return;
    if (ArrayBuffer.isView(node)) return;
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) visit(item, `${path}[${index}]`, depth + 1);
      return;
    }
    for (const key of Object.keys(node)) {
      visit(
        (node as Record<string, unknown>)[key],
        `${path}.${key.slice(0, INPUT_LIMITS.maxKeyLength)}`,
        depth + 1,
      );
    }
  };
  visit(value, prefix, 0);
  return inputs;
}

export function input(source: InputSource, path: string, value: string): RequestInput {
  return { source, path, value: value.slice(0, INPUT_LIMITS.maxValueLength) };
}
