/** The shape of rules.generated.ts: spec/redaction-rules.yaml after macro expansion (see spec/redaction.md). */

export type RedactionStrategy = 'mask' | 'hash' | 'partial';
export type ValidatorName = 'credential_like' | 'basic_credentials' | 'payment_card' | 'ipv6';
export type PseudonymizedKind = 'email' | 'ip';

export interface KeyRuleSpec {
  readonly kind: string;
  /** Lower-case words separated by single spaces, matched anywhere in the normalised key. */
  readonly contains: readonly string[];
  /** Single lower-case words, matched against whole segments of the key. */
  readonly segments: readonly string[];
}

export interface CardBrandSpec {
  readonly brand: string;
  /** Numeric prefixes of `length` digits between `from` and `to`, inclusive. */
  readonly prefixes: readonly { readonly length: number; readonly from: number; readonly to: number }[];
  readonly lengths: readonly number[];
}

export interface DetectorSpec {
  readonly id: string;
  /** Absent when the kind comes from the key rule that matches the pattern's `key` group. */
  readonly kind?: string;
  readonly kindFromKey: boolean;
  /** The detector runs only on text containing one of these (ASCII case-insensitive)... */
  readonly literals: readonly string[];
  /** ...or on text this pattern matches; kind-from-key detectors have neither and use the key words. */
  readonly prefilter?: string;
  /** Macro-expanded; `{{secret_key}}` is filled in at run time from the active key rules. */
  readonly pattern: string;
  /** In code points, of the replaced part. */
  readonly minLength: number;
  readonly validator?: ValidatorName;
  readonly strategy: RedactionStrategy;
  readonly keepLast?: number;
  readonly optIn?: PseudonymizedKind;
}

export interface RuleSet {
  readonly defaults: {
    readonly maxStringLength: number;
    readonly maxDepth: number;
    readonly maxItems: number;
  };
  /** The `escape` macro: text that stands for one escaped character (%3B, \n, \u001b). */
  readonly escape: string;
  readonly keyRules: readonly KeyRuleSpec[];
  /** Normalised endings of keys that describe a secret rather than hold one (token_type). */
  readonly metadataSuffixes: readonly string[];
  readonly allowKeys: readonly string[];
  readonly cardBrands: readonly CardBrandSpec[];
  readonly detectors: readonly DetectorSpec[];
}
