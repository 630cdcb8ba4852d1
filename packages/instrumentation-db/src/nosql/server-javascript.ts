import { isDocument, walkDocuments } from './documents';

/** The functions of an `$accumulator` expression: each is JavaScript the server runs. */
const ACCUMULATOR_FUNCTIONS = ['init', 'accumulate', 'merge', 'finalize'] as const;

/**
 * The server-side JavaScript in query parts: `$where` (a string, a BSON Code or a function), `$function`'s body
 * and `$accumulator`'s functions, and mapReduce's map/reduce/finalize (passed as parts themselves).
 */
export function javascriptIn(parts: readonly unknown[]): string[] {
  const code: string[] = [];
  const add = (value: unknown) => {
    const text = codeText(value);
    if (text !== undefined) code.push(text);
  };
  for (const part of parts) {
    add(part);
    walkDocuments(part, '', (document) => {
      add(document.$where);
      const fn = document.$function;
      if (isDocument(fn)) add(fn.body);
      const accumulator = document.$accumulator;
      if (isDocument(accumulator)) for (const key of ACCUMULATOR_FUNCTIONS) add(accumulator[key]);
    });
  }
  return code;
}

function codeText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'function') return value.toString();
  // A BSON Code value keeps its source in `code`.
  if (
    typeof value === 'object' &&
    value !== null &&
    (value as { _bsontype?: unknown })._bsontype === 'Code'
  ) {
    const { code } = value as { code?: unknown };
    return typeof code === 'string' ? code : typeof code === 'function' ? code.toString() : undefined;
  }
  return undefined;
}
