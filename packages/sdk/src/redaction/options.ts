import type { RE2JS } from 're2js';
import { RedactionConfigError } from './errors';
import { normalizeKey } from './key-matcher';
import { findUnportableConstruct, secretEndsPattern } from './pattern-dialect';
import type { PseudonymizedKind, RuleSet } from './rule-types';
import { compileUserPattern } from './user-patterns';

export interface RedactorOptions {
  /** HMAC-SHA256 key (SECOTEL_HASH_KEY); required when any active rule uses 'hash'. */
  hashKey?: string;
  /** SECOTEL_REDACT_KEYS: more key fragments to redact. */
  extraKeys?: readonly string[];
  /** SECOTEL_REDACT_ALLOW_KEYS: exact attribute keys exempt from key rules. */
  allowKeys?: readonly string[];
  /** SECOTEL_REDACT_VALUES: regex sources, masked as [REDACTED:custom]. */
  extraValuePatterns?: readonly string[];
  /** Opt-in, hashed (needs hashKey). */
  pseudonymize?: readonly PseudonymizedKind[];
  maxStringLength?: number;
  maxDepth?: number;
  maxItems?: number;
}

interface ResolvedOptions {
  readonly hashKey: string | undefined;
  readonly extraKeys: readonly string[];
  readonly allowKeys: readonly string[];
  readonly extraValuePatterns: readonly string[];
  readonly pseudonymize: ReadonlySet<PseudonymizedKind>;
  readonly maxStringLength: number;
  readonly maxDepth: number;
  readonly maxItems: number;
}

const MIN_HASH_KEY_LENGTH = 16;
const HASH_KEY_EXAMPLE = 'SECOTEL_HASH_KEY="$(openssl rand -hex 32)"';
const PSEUDONYMIZED_KINDS: readonly PseudonymizedKind[] = ['email', 'ip'];

/** How each option is named in messages: its environment variable, its bounds and a valid example. */
const OPTIONS = {
  hashKey: { label: 'hashKey (SECOTEL_HASH_KEY)', example: HASH_KEY_EXAMPLE },
  extraKeys: { label: 'extraKeys (SECOTEL_REDACT_KEYS)', example: 'SECOTEL_REDACT_KEYS=ssn,national_id' },
  allowKeys: {
    label: 'allowKeys (SECOTEL_REDACT_ALLOW_KEYS)',
    example: 'SECOTEL_REDACT_ALLOW_KEYS=app.token_count',
  },
  extraValuePatterns: {
    label: 'extraValuePatterns (SECOTEL_REDACT_VALUES)',
    example: `SECOTEL_REDACT_VALUES='["ACME-[0-9]{8}"]'`,
  },
  pseudonymize: { label: 'pseudonymize (SECOTEL_PSEUDONYMIZE)', example: 'SECOTEL_PSEUDONYMIZE=email,ip' },
  maxStringLength: {
    label: 'maxStringLength (SECOTEL_MAX_VALUE_LENGTH)',
    example: 'SECOTEL_MAX_VALUE_LENGTH=4096',
    min: 64,
    max: 1_048_576,
  },
  maxDepth: { label: 'maxDepth', example: 'maxDepth: 8', min: 1, max: 64 },
  maxItems: { label: 'maxItems', example: 'maxItems: 128', min: 1, max: 100_000 },
} as const;

type OptionName = keyof typeof OPTIONS;

function invalid(option: OptionName, problem: string): RedactionConfigError {
  const { label, example } = OPTIONS[option];
  return new RedactionConfigError(`${label} ${problem}. Example of a valid value: ${example}`);
}

function stringList(option: OptionName, value: unknown): readonly string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw invalid(option, 'must be a list of strings');
  }
  return value;
}

function boundedInteger(
  option: 'maxStringLength' | 'maxDepth' | 'maxItems',
  value: unknown,
  fallback: number,
) {
  if (value === undefined) return fallback;
  const { min, max } = OPTIONS[option];
  if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max) {
    throw invalid(option, `must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
  return value as number;
}

function checkHashKey(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length < MIN_HASH_KEY_LENGTH) {
    const got = typeof value === 'string' ? `${value.length} characters` : typeof value;
    throw invalid('hashKey', `must be a string of at least ${MIN_HASH_KEY_LENGTH} characters, got ${got}`);
  }
  return value;
}

function checkExtraKeys(value: unknown): readonly string[] {
  const keys = stringList('extraKeys', value);
  const empty = keys.find((key) => normalizeKey(key) === '');
  if (empty !== undefined) {
    throw invalid(
      'extraKeys',
      `entry "${empty}" has no letters or digits besides the separators _ - . and space`,
    );
  }
  // Keys are compared ASCII case-insensitively, and the pre-filter that finds them in text is ASCII only.
  const nonAscii = keys.find((key) => /[^\x20-\x7e]/.test(key));
  if (nonAscii !== undefined) {
    throw invalid('extraKeys', `entry "${nonAscii}" is not printable ASCII, which key fragments must be`);
  }
  return keys;
}

function checkAllowKeys(value: unknown): readonly string[] {
  const keys = stringList('allowKeys', value);
  if (keys.includes('')) throw invalid('allowKeys', 'has an empty entry');
  return keys;
}

/**
 * What is wrong with a user pattern, or undefined: it must be RE2 (so that it runs in linear time, here on
 * RE2JS and in the collector on Go's regexp), portable, not match the empty string, and end with its secret
 * group. The configuration uses this too, to report the problem under its variable's name.
 */
export function valuePatternProblem(source: string): string | undefined {
  const unportable = findUnportableConstruct(source, { strict: false });
  if (unportable !== undefined) {
    return `entry "${source}" uses ${unportable}, which RE2, the linear-time engine of the SDK and the collector, cannot run`;
  }
  let regex: RE2JS;
  try {
    regex = compileUserPattern(source);
  } catch (error) {
    return `entry "${source}" is not a valid regular expression for RE2 (${(error as Error).message})`;
  }
  if (regex.testExact('')) return `entry "${source}" matches the empty string`;
  if (!secretEndsPattern(source)) {
    return `entry "${source}" has a (?<secret>...) group that does not end the pattern`;
  }
  return undefined;
}

function checkValuePattern(source: string): void {
  const problem = valuePatternProblem(source);
  if (problem !== undefined) throw invalid('extraValuePatterns', problem);
}

function checkPseudonymize(value: unknown, hashKey: string | undefined): ReadonlySet<PseudonymizedKind> {
  const kinds = stringList('pseudonymize', value);
  const unknown = kinds.find((kind) => !(PSEUDONYMIZED_KINDS as readonly string[]).includes(kind));
  if (unknown !== undefined) {
    throw invalid(
      'pseudonymize',
      `has the unknown kind "${unknown}"; the kinds are ${PSEUDONYMIZED_KINDS.join(' and ')}`,
    );
  }
  if (kinds.length > 0 && hashKey === undefined) {
    throw new RedactionConfigError(
      `${OPTIONS.pseudonymize.label} replaces values by keyed hashes and needs ${OPTIONS.hashKey.label}. ` +
        `Example of a valid value: ${HASH_KEY_EXAMPLE}`,
    );
  }
  return new Set(kinds as PseudonymizedKind[]);
}

/** Validates every option (throwing RedactionConfigError) and fills in the spec's defaults. */
export function resolveOptions(
  options: RedactorOptions | undefined,
  defaults: RuleSet['defaults'],
): ResolvedOptions {
  if (options === undefined) options = {};
  if (typeof options !== 'object' || options === null) {
    throw new RedactionConfigError(
      `Redactor options must be an object, got ${options === null ? 'null' : typeof options}`,
    );
  }
  const unknown = Object.keys(options).find((name) => !Object.hasOwn(OPTIONS, name));
  if (unknown !== undefined) {
    throw new RedactionConfigError(
      `Redactor has no option "${unknown}"; the options are ${Object.keys(OPTIONS).join(', ')}`,
    );
  }
  const hashKey = checkHashKey(options.hashKey);
  const extraValuePatterns = stringList('extraValuePatterns', options.extraValuePatterns);
  extraValuePatterns.forEach(checkValuePattern);
  return {
    hashKey,
    extraKeys: checkExtraKeys(options.extraKeys),
    allowKeys: checkAllowKeys(options.allowKeys),
    extraValuePatterns,
    pseudonymize: checkPseudonymize(options.pseudonymize, hashKey),
    maxStringLength: boundedInteger('maxStringLength', options.maxStringLength, defaults.maxStringLength),
    maxDepth: boundedInteger('maxDepth', options.maxDepth, defaults.maxDepth),
    maxItems: boundedInteger('maxItems', options.maxItems, defaults.maxItems),
  };
}
