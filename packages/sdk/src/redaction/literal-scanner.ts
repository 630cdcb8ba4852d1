/**
 * Finds every detector's pre-filter literals in one pass over the text (an Aho–Corasick automaton over ASCII,
 * case-folded), so that benign text costs one scan instead of one search per literal. A pure optimisation:
 * the spec's pre-filter is "the text contains the literal, ASCII case-insensitively".
 */

const ALPHABET = 128;

interface Trie {
  readonly children: Map<number, number>[];
  /** Literal indices ending at each node, including those reached through failure links once built. */
  readonly ends: number[][];
}

function foldCase(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
}

function buildTrie(literals: readonly string[]): Trie {
  const trie: Trie = { children: [new Map()], ends: [[]] };
  literals.forEach((literal, index) => {
    let node = 0;
    for (let i = 0; i < literal.length; i++) {
      const code = foldCase(literal.charCodeAt(i));
      let next = trie.children[node]?.get(code);
      if (next === undefined) {
        next = trie.children.length;
        trie.children.push(new Map());
        trie.ends.push([]);
        trie.children[node]?.set(code, next);
      }
      node = next;
    }
    trie.ends[node]?.push(index);
  });
  return trie;
}

/**
 * The complete transition table: for every node and ASCII character, the node to continue from. A node's row
 * starts as a copy of its failure node's row (finished before it: breadth-first), then its own children win;
 * a letter's child is reached by both cases.
 */
function buildTransitions(trie: Trie): Uint16Array {
  const size = trie.children.length;
  const transitions = new Uint16Array(size * ALPHABET);
  const failure = new Uint16Array(size);
  const queue: number[] = [0];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as number;
    const row = node * ALPHABET;
    const failureRow = (failure[node] as number) * ALPHABET;
    if (node !== 0) transitions.copyWithin(row, failureRow, failureRow + ALPHABET);
    for (const [code, child] of trie.children[node] ?? []) {
      const fallback = node === 0 ? 0 : (transitions[failureRow + code] as number);
      transitions[row + code] = child;
      if (code >= 0x61 && code <= 0x7a) transitions[row + code - 0x20] = child;
      failure[child] = fallback;
      trie.ends[child]?.push(...(trie.ends[fallback] ?? []));
      queue.push(child);
    }
  }
  return transitions;
}

export class LiteralScanner {
  private readonly transitions: Uint16Array;
  /** 1 for the nodes where a literal ends: the only ones worth a look at `ends`. */
  private readonly final: Uint8Array;
  private readonly ends: readonly (readonly number[])[];
  private readonly lengths: readonly number[];

  /** Literals must be ASCII (checked where they come from: the spec and the options). */
  constructor(literals: readonly string[]) {
    const trie = buildTrie(literals);
    this.transitions = buildTransitions(trie);
    this.final = Uint8Array.from(trie.ends, (ends) => (ends.length > 0 ? 1 : 0));
    this.ends = trie.ends;
    this.lengths = literals.map((literal) => literal.length);
  }

  /**
   * Calls `found(literalIndex, start)` for every occurrence, in order of where the occurrences end. Returns
   * whether the text is plain: printable ASCII only, so that the sanitiser has nothing to do.
   */
  scan(text: string, found: (literal: number, start: number) => void): boolean {
    const { transitions, final, ends, lengths } = this;
    let plain = true;
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code < 0x20 || code >= 0x7f) {
        plain = false;
        node = code < ALPHABET ? (transitions[node * ALPHABET + code] as number) : 0;
      } else {
        node = transitions[node * ALPHABET + code] as number;
      }
      if (final[node] === 0) continue;
      const literals = ends[node] as readonly number[];
      for (let k = 0; k < literals.length; k++) {
        const literal = literals[k] as number;
        found(literal, i + 1 - (lengths[literal] as number));
      }
    }
    return plain;
  }
}
