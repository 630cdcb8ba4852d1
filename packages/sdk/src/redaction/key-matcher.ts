import { internedCopy } from './own-copy';
import { escapeRegExp } from './pattern-dialect';
import type { KeyRuleSpec } from './rule-types';

/** The kind reported for keys matched by user-configured fragments (SECOTEL_REDACT_KEYS). */
const CUSTOM_KEY_KIND = 'custom_key';

const SEPARATORS = /[_\-. ]/g;
const UPPER_ASCII = /[A-Z]+/g;
const CACHE_LIMIT = 1024;
const CACHED_KEY_MAX_LENGTH = 256;

/** ASCII-only lower-casing: Unicode case mapping differs between languages (and would let U+212A act as `k`). */
function lowerAscii(text: string): string {
  return text.replace(UPPER_ASCII, (letters) => letters.toLowerCase());
}

/** The form keys are compared in: ASCII letters lower-cased, `_ - . space` removed. */
export function normalizeKey(key: string): string {
  return lowerAscii(key).replace(SEPARATORS, '');
}

interface Fragment {
  readonly kind: string;
  readonly words: readonly string[];
  /** The words joined: what a normalised key must contain (or a segment must equal). */
  readonly joined: string;
  readonly segment: boolean;
}

function fragment(kind: string, words: readonly string[], segment: boolean): Fragment {
  return { kind, words, joined: words.join(''), segment };
}

/**
 * Decides which keys hold secrets. User fragments (block) are checked first, so a key that is both blocked and
 * allowed is redacted; then the allow lists, then keys that only describe a secret, then the built-in rules.
 */
export class KeyMatcher {
  private readonly custom: readonly Fragment[];
  private readonly builtIn: readonly Fragment[];
  private readonly allowed: ReadonlySet<string>;
  private readonly cache = new Map<string, string | null>();
  private readonly textCache = new Map<string, string | null>();

  constructor(
    rules: readonly KeyRuleSpec[],
    private readonly metadataSuffixes: readonly string[],
    allowKeys: Iterable<string>,
    /** Already validated: each has at least one letter or digit besides separators. */
    extraKeys: readonly string[],
  ) {
    this.builtIn = rules.flatMap((rule) => [
      ...rule.contains.map((words) => fragment(rule.kind, words.split(' '), false)),
      ...rule.segments.map((segment) => fragment(rule.kind, [segment], true)),
    ]);
    const words = (key: string) =>
      lowerAscii(key)
        .split(SEPARATORS)
        .filter((word) => word !== '');
    this.custom = extraKeys.map((key) => fragment(CUSTOM_KEY_KIND, words(key), false));
    this.allowed = new Set(allowKeys);
  }

  /** The kind of secret a value under `key` holds, or undefined when the key rules leave it alone. */
  kindOf(key: string): string | undefined {
    return this.cached(this.cache, key, true);
  }

  /**
   * The same for a key found inside text. A key that continues a word ("spin" around "pin") is judged
   * without the segment rules, which are about whole words.
   */
  kindOfTextKey(key: string, continuesWord: boolean): string | undefined {
    return continuesWord ? this.cached(this.textCache, key, false) : this.kindOf(key);
  }

  /**
   * The `{{secret_key}}` alternation: every fragment as it may be written inside text, its words joined by an
   * optional `_`, `-` or `.`, ASCII case-insensitive.
   */
  textPattern(): string {
    const alternatives = [...this.custom, ...this.builtIn].map(({ words }) =>
      words.map(escapeRegExp).join('[_.-]?'),
    );
    return `(?i:${alternatives.join('|')})`;
  }

  /** The first word of every fragment: any key the text pattern finds contains one of them. */
  firstWords(): string[] {
    return [...new Set([...this.custom, ...this.builtIn].map(({ words }) => words[0] as string))];
  }

  private cached(cache: Map<string, string | null>, key: string, withSegments: boolean): string | undefined {
    let kind = cache.get(key);
    if (kind === undefined) {
      kind = this.decide(key, withSegments) ?? null;
      if (cache.size >= CACHE_LIMIT) cache.clear();
      // Keys found in text are slices of it; a cached one must not keep the text alive, nor be huge itself.
      if (key.length <= CACHED_KEY_MAX_LENGTH) cache.set(internedCopy(key), kind);
    }
    return kind ?? undefined;
  }

  private decide(key: string, withSegments: boolean): string | undefined {
    const normalized = normalizeKey(key);
    if (this.custom.some(({ joined }) => normalized.includes(joined))) return CUSTOM_KEY_KIND;
    if (this.allowed.has(key)) return undefined;
    if (this.metadataSuffixes.some((suffix) => normalized.endsWith(suffix))) return undefined;
    let segments: string[] | undefined;
    for (const { kind, joined, segment } of this.builtIn) {
      if (!segment) {
        if (normalized.includes(joined)) return kind;
      } else if (withSegments) {
        segments ??= lowerAscii(key).split(SEPARATORS);
        if (segments.includes(joined)) return kind;
      }
    }
    return undefined;
  }
}
