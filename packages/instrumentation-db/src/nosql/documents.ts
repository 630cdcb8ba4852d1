/** Bounds on how much of a command or request body one check may walk. */
export const WALK_LIMITS = { maxDepth: 16, maxNodes: 2_000 } as const;

/** A MongoDB query operator key: `$ne`, `$where`, `$regex` (not a field name such as `$100` or `$`). */
const OPERATOR_KEY = /^\$[A-Za-z]+$/;

export function isOperatorKey(key: string): boolean {
  return OPERATOR_KEY.test(key);
}

/**
 * A plain document: not an array, and not a BSON value (ObjectId, Long, Code, Binary and the other BSON classes
 * carry `_bsontype`), a RegExp, a Date or a buffer, which are values in a query, not structure.
 */
export function isDocument(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !('_bsontype' in value) &&
    !(value instanceof RegExp) &&
    !(value instanceof Date) &&
    !ArrayBuffer.isView(value)
  );
}

/** A document with at least one operator key: `{ $ne: null }`, `{ $where: '…' }`. */
export function isOperatorDocument(value: unknown): value is Record<string, unknown> {
  return isDocument(value) && Object.keys(value).some(isOperatorKey);
}

const NONE: ReadonlySet<string> = new Set();

/**
 * Visits every document and array in `root` (itself included) with its path (`.user`, `[0]`), depth first and
 * within WALK_LIMITS (cycles cannot loop since depth is bounded), not below the keys in `opaqueKeys`.
 */
export function walkDocuments(
  root: unknown,
  prefix: string,
  visit: (document: Record<string, unknown>, path: string) => void,
  opaqueKeys: ReadonlySet<string> = NONE,
): void {
  let nodes = 0;
  const walk = (node: unknown, path: string, depth: number): void => {
    if (depth > WALK_LIMITS.maxDepth || ++nodes > WALK_LIMITS.maxNodes) return;
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) walk(item, `${path}[${index}]`, depth + 1);
      return;
    }
    if (!isDocument(node)) return;
    visit(node, path);
    for (const key of Object.keys(node)) {
      if (!opaqueKeys.has(key)) walk(node[key], `${path}.${key}`, depth + 1);
    }
  };
  walk(root, prefix, 0);
}

/**
 * Whether a value from the request and one in the query are the same value, allowing for what an ODM's casting
 * does to it on the way (mongoose casts `"5"` to 5 for a number path, a hex string to an ObjectId, a string to a
 * RegExp for `$regex`). Every key of a request document must be in the query document with the same value.
 */
export function sameValue(fromRequest: unknown, inQuery: unknown, depth = 0): boolean {
  if (fromRequest === inQuery) return true;
  if (depth > WALK_LIMITS.maxDepth) return false;
  if (Array.isArray(fromRequest)) {
    return (
      Array.isArray(inQuery) &&
      fromRequest.length === inQuery.length &&
      fromRequest.every((item, index) => sameValue(item, inQuery[index], depth + 1))
    );
  }
  if (isDocument(fromRequest)) {
    if (!isDocument(inQuery)) return false;
    const keys = Object.keys(fromRequest);
    return (
      keys.length > 0 &&
      keys.every((key) => key in inQuery && sameValue(fromRequest[key], inQuery[key], depth + 1))
    );
  }
  if (typeof inQuery === 'boolean' && typeof fromRequest === 'string') {
    return BOOLEAN_TEXT.get(fromRequest.toLowerCase()) === inQuery;
  }
  return scalarText(fromRequest) === scalarText(inQuery);
}

/** The texts mongoose casts to a boolean (`$exists=1` arrives as true). */
const BOOLEAN_TEXT = new Map([
  ['true', true],
  ['1', true],
  ['yes', true],
  ['false', false],
  ['0', false],
  ['no', false],
]);

function scalarText(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'null';
  if (value instanceof RegExp) return value.source;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    // BSON values (ObjectId, Long, Decimal128) print as the text they were made from.
    return '_bsontype' in value ? String(value) : undefined;
  }
  return String(value);
}
