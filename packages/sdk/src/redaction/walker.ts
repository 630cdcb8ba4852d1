import type { KeyMatcher } from './key-matcher';
import { internedCopy } from './own-copy';
import { mask } from './replacement';
import type { StringRedactor } from './string-redactor';

const DEPTH_MARKER = '[TRUNCATED:depth]';
const CIRCULAR_MARKER = '[CIRCULAR]';
/** Whole numbers in this range are also checked as their decimal text (spec/redaction.md, section 1). */
const NUMBER_AS_TEXT_FROM = 1e12;
const NUMBER_AS_TEXT_BELOW = 1e21;
/** Attribute keys whose last clean value is remembered, and the longest value remembered. */
const LAST_CLEAN_KEYS = 1024;
const LAST_CLEAN_MAX_LENGTH = 256;

type UnsupportedType = 'function' | 'symbol' | 'bigint' | 'bytes' | 'object';

export function unsupportedMarker(type: UnsupportedType): string {
  return `[UNSUPPORTED:${type}]`;
}

interface WalkLimits {
  readonly maxDepth: number;
  readonly maxItems: number;
}

export type PlainObject = Record<string, unknown>;

/** Sets an own entry; plain assignment would turn a "__proto__" entry into a prototype change. */
export function setEntry(target: PlainObject, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

function isPlainObject(value: object): value is PlainObject {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Walks attribute values and bodies (spec/redaction.md, "Values"): key rules mask whole values, strings go through
 * the string redactor, containers are always copied (cut to their limits before they are walked).
 */
export class ValueWalker {
  /**
   * Per attribute key without a key rule, the last value that came out of the string pipeline unchanged (the
   * string redactor's own copy): the next record's value under that key is mostly the same one (a request's
   * address, route, User-Agent), and comparing two strings costs less than the string redactor's look-up,
   * which hashes the new string whole.
   */
  private readonly lastClean = new Map<string, { value: string }>();

  constructor(
    private readonly strings: StringRedactor,
    private readonly keys: KeyMatcher,
    private readonly limits: WalkLimits,
    private readonly count: (kind: string) => void,
  ) {}

  /** An attribute: like `entry`, and a string value is one that tends to repeat from record to record. */
  attribute(key: string, value: unknown, ancestors: object[]): unknown {
    if (typeof value === 'string') {
      const last = this.lastClean.get(key);
      if (last !== undefined && last.value === value) return last.value;
      if (this.keys.kindOf(key) === undefined) {
        const redacted = this.strings.redact(value, true);
        if (
          redacted === value &&
          value.length <= LAST_CLEAN_MAX_LENGTH &&
          key.length <= LAST_CLEAN_MAX_LENGTH
        ) {
          this.rememberClean(key, last, redacted);
        }
        return redacted;
      }
    }
    return this.entry(key, value, 1, ancestors);
  }

  private rememberClean(key: string, last: { value: string } | undefined, value: string): void {
    if (last !== undefined) {
      last.value = value;
      return;
    }
    if (this.lastClean.size >= LAST_CLEAN_KEYS) this.lastClean.clear();
    this.lastClean.set(internedCopy(key), { value });
  }

  /** `value` stored under `key`: masked whole when the key holds a secret. */
  entry(key: string, value: unknown, depth: number, ancestors: object[]): unknown {
    const kind = this.keys.kindOf(key);
    // true/false/null carry no secret and say something useful ("password_reset_required": true).
    if (kind === undefined || value === null || value === undefined || typeof value === 'boolean') {
      return this.value(value, depth, ancestors);
    }
    const replacement = mask(kind);
    if (value !== replacement) this.count(kind);
    return replacement;
  }

  value(value: unknown, depth: number, ancestors: object[]): unknown {
    switch (typeof value) {
      case 'string':
        return this.strings.redact(value);
      case 'number':
        return this.number(value);
      case 'boolean':
      case 'undefined':
        return value;
      case 'object':
        return value === null ? null : this.container(value, depth, ancestors);
      default:
        return this.unsupported(typeof value as UnsupportedType);
    }
  }

  /**
   * A whole number of 13 digits or more is read as text too: a card number passed as a JSON number is still a
   * card. It stays a number unless the string pipeline changes its decimal form.
   */
  private number(value: number): unknown {
    if (!Number.isInteger(value) || value < NUMBER_AS_TEXT_FROM || value >= NUMBER_AS_TEXT_BELOW)
      return value;
    const text = String(value);
    const redacted = this.strings.redact(text);
    return redacted === text ? value : redacted;
  }

  private container(value: object, depth: number, ancestors: object[]): unknown {
    if (ancestors.includes(value)) {
      this.count('circular');
      return CIRCULAR_MARKER;
    }
    if (depth >= this.limits.maxDepth) {
      this.count('truncated_depth');
      return DEPTH_MARKER;
    }
    try {
      ancestors.push(value);
      if (Array.isArray(value)) return this.array(value, depth, ancestors);
      if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return this.unsupported('bytes');
      if (isPlainObject(value)) return this.map(value, depth, ancestors);
      return this.unsupported('object');
    } catch {
      // A throwing getter or proxy: the value cannot be checked, so it does not pass.
      return this.unsupported('object');
    } finally {
      ancestors.pop();
    }
  }

  /** Always a copy, cut before it is walked: a snapshot the caller's later changes cannot reach. */
  private array(items: readonly unknown[], depth: number, ancestors: object[]): unknown[] {
    const kept = Math.min(items.length, this.limits.maxItems);
    const copy = new Array<unknown>(kept);
    for (let i = 0; i < kept; i++) copy[i] = this.value(items[i], depth + 1, ancestors);
    if (kept < items.length) this.count('truncated_items');
    return copy;
  }

  /**
   * Always a copy. Nested keys are text too: they are neutralised and scanned, and a later duplicate wins. The
   * key rules judge the key as it is written out, so that redacting the output again finds the same.
   */
  private map(source: PlainObject, depth: number, ancestors: object[]): PlainObject {
    const copy: PlainObject = {};
    let seen = 0;
    for (const key in source) {
      if (!Object.hasOwn(source, key)) continue;
      // Keys are read one by one, so that a huge object costs no more than its first maxItems entries.
      if (seen++ === this.limits.maxItems) {
        this.count('truncated_items');
        break;
      }
      const redactedKey = this.strings.redact(key);
      setEntry(copy, redactedKey, this.entry(redactedKey, source[key], depth + 1, ancestors));
    }
    return copy;
  }

  private unsupported(type: UnsupportedType): string {
    this.count('unsupported');
    return unsupportedMarker(type);
  }
}
