import type { RequestInput } from '@secotel/sdk';
import type { LexicalDialect } from './dialects';
import { QueryText, searchTexts } from './input-text';
import { changesStructure } from './occurrence';
import { type Token, tokenize } from './tokenizer';

/**
 * The captured request inputs that change the query's token structure, in input order (empty when none do).
 * An input counts when any one of its occurrences does: an application may place a value twice, and one
 * injected place is enough. The query is tokenized at most once, and only when some input occurs in it.
 */
export function findInjections(
  query: string,
  dialect: LexicalDialect,
  inputs: readonly RequestInput[],
): RequestInput[] {
  const found: RequestInput[] = [];
  if (inputs.length === 0) return found;
  const text = new QueryText(query);
  let tokens: Token[] | undefined;
  const injected = (start: number, end: number): boolean => {
    tokens ??= tokenize(query, dialect);
    return changesStructure(query, dialect, tokens, start, end);
  };
  for (const input of inputs) {
    if (occursIn(text, input, injected)) found.push(input);
  }
  return found;
}

/**
 * The inputs whose value occurs in the query text at all (for a query that failed with a syntax error:
 * error-based probing). Values of one or two plain characters are left out: they occur in most queries by chance.
 */
export function inputsInQuery(query: string, inputs: readonly RequestInput[]): RequestInput[] {
  const text = new QueryText(query);
  return inputs.filter((input) => occursIn(text, input, () => true));
}

function occursIn(
  text: QueryText,
  input: RequestInput,
  visit: (start: number, end: number) => boolean,
): boolean {
  return searchTexts(input).some((search) => text.someOccurrence(search, visit));
}
