import type { KeyMatcher } from './key-matcher';
import { mask } from './replacement';
import type { StringRedactor } from './string-redactor';

const DEPTH_MARKER = '[TRUNCATED:depth]';
const CIRCULAR_MARKER = '[CIRCULAR]';

export type UnsupportedType = 'function' | 'symbol' | 'bigint' | 'bytes' | 'object';

export function unsupportedMarker(type: UnsupportedType): string {
  return `[UNSUPPORTED:${type}]`;
}

export interface WalkLimits {
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
 * the string redactor, containers are copied only where something changed.
 */
export class ValueWalker {
  constructor(
    private readonly strings: StringRedactor,
    private readonly keys: KeyMatcher,
    private readonly limits: WalkLimits,
    private readonly count: (kind: string) => void,
  ) {}

  /** An attribute: like `entry`, and a string value is one that tends to repeat from record to record. */
  attribute(key: string, value: unknown, ancestors: object[]): unknown {
    if (typeof value === 'string' && this.keys.kindOf(key) === undefined) {
      return this.strings.redact(value, true);
    }
    return this.entry(key, value, 1, ancestors);
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
      case 'boolean':
      case 'undefined':
        return value;
      case 'object':
        return value === null ? null : this.container(value, depth, ancestors);
      default:
        return this.unsupported(typeof value as UnsupportedType);
    }
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

  private array(items: readonly unknown[], depth: number, ancestors: object[]): unknown[] {
    const kept = Math.min(items.length, this.limits.maxItems);
    let copy: unknown[] | undefined = kept < items.length ? items.slice(0, kept) : undefined;
    for (let i = 0; i < kept; i++) {
      const item = items[i];
      const redacted = this.value(item, depth + 1, ancestors);
      if (redacted === item) continue;
      copy ??= items.slice(0, kept);
      copy[i] = redacted;
    }
    if (kept < items.length) this.count('truncated_items');
    return copy ?? (items as unknown[]);
  }

  /**
   * Nested keys are text too: they are neutralised and scanned, and a later duplicate wins. The key rules judge
   * the key as it is written out, so that redacting the output again finds the same.
   */
  private map(source: PlainObject, depth: number, ancestors: object[]): PlainObject {
    const keys = Object.keys(source);
    const kept = Math.min(keys.length, this.limits.maxItems);
    let copy: PlainObject | undefined;
    for (let i = 0; i < kept; i++) {
      const key = keys[i] as string;
      const value = source[key];
      const redactedKey = this.strings.redact(key);
      const redacted = this.entry(redactedKey, value, depth + 1, ancestors);
      if (copy === undefined && redactedKey === key && redacted === value) continue;
      copy ??= this.copyUnchanged(source, keys, i);
      setEntry(copy, redactedKey, redacted);
    }
    if (kept < keys.length) {
      this.count('truncated_items');
      copy ??= this.copyUnchanged(source, keys, kept);
    }
    return copy ?? source;
  }

  private copyUnchanged(source: PlainObject, keys: readonly string[], upTo: number): PlainObject {
    const copy: PlainObject = {};
    for (let i = 0; i < upTo; i++) setEntry(copy, keys[i] as string, source[keys[i] as string]);
    return copy;
  }

  private unsupported(type: UnsupportedType): string {
    this.count('unsupported');
    return unsupportedMarker(type);
  }
}
