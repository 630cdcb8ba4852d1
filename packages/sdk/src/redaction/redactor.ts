import { compileDetectors } from './detectors';
import { KeyMatcher } from './key-matcher';
import { markerPattern } from './markers';
import { type RedactorOptions, resolveOptions } from './options';
import { Replacement } from './replacement';
import { RULES } from './rules.generated';
import { StringRedactor } from './string-redactor';
import { UserPatterns } from './user-patterns';
import { type PlainObject, setEntry, unsupportedMarker, ValueWalker } from './walker';

/**
 * Removes secrets and personal data from attributes and bodies as spec/redaction.md defines, compiled once from
 * spec/redaction-rules.yaml and the options. Never throws after construction.
 */
export class Redactor {
  /** Counts of redactions by kind since construction, for the SDK's own metrics. */
  readonly stats: Readonly<Record<string, number>>;
  private readonly counts: Record<string, number> = Object.create(null);
  private readonly strings: StringRedactor;
  private readonly walker: ValueWalker;

  /** @throws RedactionConfigError for options that cannot work. */
  constructor(options?: RedactorOptions) {
    const resolved = resolveOptions(options, RULES.defaults);
    this.stats = this.counts;
    const keyMatcher = new KeyMatcher(
      RULES.keyRules,
      RULES.metadataSuffixes,
      [...RULES.allowKeys, ...resolved.allowKeys],
      resolved.extraKeys,
    );
    const detectors = compileDetectors(RULES.detectors, {
      pseudonymize: resolved.pseudonymize,
      keyMatcher,
      cardBrands: RULES.cardBrands,
    });
    const userPatterns = new UserPatterns(resolved.extraValuePatterns, markerPattern(RULES));
    const context = { keyMatcher, replacement: new Replacement(resolved.hashKey), count: this.count };
    this.strings = new StringRedactor(detectors, userPatterns, context, resolved.maxStringLength);
    this.walker = new ValueWalker(this.strings, keyMatcher, resolved, this.count);
  }

  /**
   * Returns a new object; values that needed no change are the same (===) values as in the input. Keys are
   * never renamed, because a log record's attributes can be overwritten but not removed.
   */
  redactAttributes(attributes: Readonly<Record<string, unknown>>): Record<string, unknown> {
    return this.redactEntries(attributes, {});
  }

  /**
   * redactAttributes for an object made for the record and handed over (no one else holds it): the redacted
   * values are written back into it, which spares a copy per record.
   */
  redactOwnAttributes(attributes: PlainObject): PlainObject {
    const ancestors: object[] = [attributes];
    // A plain object of data properties made for the record: nothing to guard its keys against, and V8 reads
    // the values of a for-in's own keys without a keyed look-up each.
    for (const key in attributes) {
      // biome-ignore lint/suspicious/noPrototypeBuiltins: the spelling V8 optimises inside a for-in, not Object.hasOwn
      if (!Object.prototype.hasOwnProperty.call(attributes, key)) continue;
      const value = attributes[key];
      let redacted: unknown;
      try {
        redacted = this.walker.attribute(key, value, ancestors);
      } catch {
        redacted = this.failed();
      }
      // A string is written back even when equal: the redactor's copy owns its characters (see own-copy.ts).
      if (redacted !== value || typeof value === 'string') setEntry(attributes, key, redacted);
    }
    return attributes;
  }

  private redactEntries(attributes: Readonly<PlainObject>, redacted: PlainObject): PlainObject {
    let keys: string[];
    try {
      keys = Object.keys(attributes);
    } catch {
      this.count('unsupported');
      return {};
    }
    const ancestors: object[] = [attributes];
    for (const key of keys) {
      let value: unknown;
      // Each attribute on its own, so that one throwing getter cannot let its neighbours through unchecked.
      try {
        value = this.walker.attribute(key, attributes[key], ancestors);
      } catch {
        value = this.failed();
      }
      setEntry(redacted, key, value);
    }
    return redacted;
  }

  /** A body or any single value; `key`, when given, is checked against the key rules. */
  redactValue(value: unknown, key?: string): unknown {
    try {
      return key === undefined ? this.walker.value(value, 0, []) : this.walker.entry(key, value, 0, []);
    } catch {
      return this.failed();
    }
  }

  redactString(value: string): string {
    try {
      return this.strings.redact(typeof value === 'string' ? value : String(value));
    } catch {
      return this.failed();
    }
  }

  private readonly count = (kind: string): void => {
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
  };

  /** What a value that could not be checked becomes: it does not pass. */
  private failed(): string {
    this.count('unsupported');
    return unsupportedMarker('object');
  }
}
