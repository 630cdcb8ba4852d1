import type { RequestInput } from '@secotel/sdk';
import { findInjections } from '../sql';
import { isOperatorDocument, isOperatorKey, sameValue, walkDocuments } from './documents';
import { javascriptIn } from './server-javascript';

/** How a request input changed a command's structure. */
export type NoSqlInjectionKind = 'query_operator' | 'server_javascript';

export interface NoSqlInjection {
  readonly kind: NoSqlInjectionKind;
  /** The input, with the operator document it brought as the payload when it came as one. */
  readonly input: RequestInput;
}

/** What the request holds: its captured string inputs and its parsed body, when the HTTP layer has it. */
export interface RequestValues {
  readonly inputs: readonly RequestInput[];
  readonly body: unknown;
}

/** Inputs this short occur everywhere by chance; the SQL layer leaves them out for the same reason. */
const MIN_CODE_INPUT = 3;

/**
 * The request inputs that changed a command's structure, judged as the SQL layer judges statements. A query
 * part's operator document (`{ $ne: null }`) is injected when the request sent that document: as a parsed body's
 * object, or as a query string or form field whose name carries the operator (`user[$ne]=x`, parsed into an
 * object by qs) with the same value. Server-side JavaScript is injected when it is a request input, or an input
 * placed in it changes its tokens (leaves a string, opens a comment). A string input used as a value, an
 * application's own operators and JavaScript that merely mentions an input's text are not.
 */
export function findNoSqlInjections(parts: readonly unknown[], request: RequestValues): NoSqlInjection[] {
  const found: NoSqlInjection[] = [];
  const operators = operatorDocuments(parts);
  if (operators.length > 0) {
    const sent = sentOperators(request);
    // Parents come first: an operator inside a sent document already reported is part of that one.
    for (const document of operators) {
      const injected = sent.find((candidate) => candidate.matches(document));
      if (injected !== undefined && !within(injected.input, found)) {
        found.push({ kind: 'query_operator', input: injected.input });
      }
    }
  }
  const code = javascriptIn(parts);
  if (code.length > 0) {
    const reported = (input: RequestInput) => within(input, found);
    const candidates = request.inputs.filter(
      (input) => input.value.trim().length >= MIN_CODE_INPUT && !reported(input),
    );
    for (const input of injectedIntoCode(code, candidates)) found.push({ kind: 'server_javascript', input });
  }
  return found;
}

/**
 * Operators whose argument the server takes as a literal value: a document under them is compared, not run
 * (`{ user: { $eq: input } }` is how mongoose's sanitizeFilter and careful code keep an object a value).
 */
const LITERAL_ARGUMENTS: ReadonlySet<string> = new Set([
  '$eq',
  '$ne',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$in',
  '$nin',
  '$literal',
]);

/** The operator documents of the query parts, except those an application's own operator holds as a value. */
/** Whether an input is, or lies inside, one already found. */
function within(input: RequestInput, found: readonly NoSqlInjection[]): boolean {
  return found.some(
    ({ input: outer }) =>
      input.path === outer.path ||
      input.path.startsWith(`${outer.path}.`) ||
      input.path.startsWith(`${outer.path}[`),
  );
}

function operatorDocuments(parts: readonly unknown[]): Record<string, unknown>[] {
  const documents: Record<string, unknown>[] = [];
  for (const part of parts) {
    walkDocuments(
      part,
      '',
      (document) => {
        if (isOperatorDocument(document)) documents.push(document);
      },
      LITERAL_ARGUMENTS,
    );
  }
  return documents;
}

/** An operator document the request sent, and how to recognise it in a query. */
interface SentOperator {
  readonly input: RequestInput;
  matches(document: Record<string, unknown>): boolean;
}

function sentOperators(request: RequestValues): SentOperator[] {
  const sent: SentOperator[] = [];
  // Objects of a parsed JSON (or extended form) body, matched as they are or as a copy an ODM made of them.
  walkDocuments(request.body, '.body', (document, path) => {
    if (!isOperatorDocument(document)) return;
    sent.push({
      input: { source: 'body', path, value: JSON.stringify(document) },
      matches: (candidate) => candidate === document || sameValue(document, candidate),
    });
  });
  // JSON text in a string input that the application parses itself (`?filter={"$ne":null}`, a cookie).
  for (const input of request.inputs) {
    const parsed = operatorJson(input.value);
    if (parsed === undefined) continue;
    walkDocuments(parsed, '', (document) => {
      if (!isOperatorDocument(document)) return;
      sent.push({ input, matches: (candidate) => sameValue(document, candidate) });
    });
  }
  // Fields whose name carries an operator (`user[$ne]`, `.body.user.$gt`): a parser built an object from them.
  for (const input of request.inputs) {
    // Most paths hold no `$` at all; only those are split.
    if (!input.path.includes('$')) continue;
    const segments = pathSegments(input.path);
    const at = segments.findIndex(isOperatorKey);
    if (at < 0) continue;
    const operator = segments[at] as string;
    const below = segments.slice(at + 1);
    sent.push({
      input: { ...input, value: JSON.stringify({ [operator]: input.value }) },
      matches: (candidate) => operator in candidate && holdsValue(candidate[operator], below, input.value),
    });
  }
  return sent;
}

/** Longer JSON texts are left unparsed: the parse is paid only by inputs that look like operator JSON. */
const MAX_JSON_INPUT = 4_096;

function operatorJson(value: string): unknown {
  const text = value.trimStart();
  if (text.length > MAX_JSON_INPUT || (text[0] !== '{' && text[0] !== '[') || !text.includes('"$'))
    return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `.query.user[$in][]` → query, user, $in, (empty: an appended array item); `.body.a[0].$gt` → body, a, 0, $gt. */
function pathSegments(path: string): string[] {
  return [...path.matchAll(/\[([^\]]*)\]|([^.[\]]+)/g)].map((match) => match[1] ?? match[2] ?? '');
}

/** Whether the value the path leads to (any item, for `[]` or an index qs may renumber) is the input's value. */
function holdsValue(value: unknown, path: readonly string[], text: string): boolean {
  if (path.length === 0) {
    return Array.isArray(value) ? value.some((item) => sameValue(text, item)) : sameValue(text, value);
  }
  const [next, ...rest] = path;
  if (Array.isArray(value)) {
    const itemPath = next === '' || /^\d+$/.test(next ?? '') ? rest : path;
    return value.some((item) => holdsValue(item, itemPath, text));
  }
  if (typeof value !== 'object' || value === null || next === undefined) return false;
  return holdsValue((value as Record<string, unknown>)[next], rest, text);
}

/** The inputs that are some code text, or change its tokens; each text is tokenized at most once. */
function injectedIntoCode(code: readonly string[], inputs: readonly RequestInput[]): RequestInput[] {
  const injected = new Set<RequestInput>();
  for (const text of code) {
    const whole = text.trim();
    for (const input of inputs) if (input.value.trim() === whole) injected.add(input);
    for (const input of findInjections(text, 'javascript', inputs)) injected.add(input);
  }
  return inputs.filter((input) => injected.has(input));
}
