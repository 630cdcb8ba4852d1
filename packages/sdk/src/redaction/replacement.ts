import { createHmac } from 'node:crypto';
import type { RedactionStrategy } from './rule-types';

/** Hex digits of the HMAC kept in a [HASH:...] marker: 64 bits, plenty to correlate, too few to matter if leaked. */
const HASH_HEX_DIGITS = 16;
const PARTIAL_MASK = '****';

/** The text a secret is replaced with; formats in spec/redaction.md, "Replacement formats". */
export class Replacement {
  constructor(private readonly hashKey: string | undefined) {}

  render(strategy: RedactionStrategy, kind: string, secret: string, keepLast = 0): string {
    switch (strategy) {
      case 'mask':
        return mask(kind);
      case 'hash':
        return `[HASH:${kind}:${this.hash(secret)}]`;
      case 'partial':
        return `[REDACTED:${kind}:${PARTIAL_MASK}${lastCharacters(secret, keepLast)}]`;
    }
  }

  /** Hashes a canonical form so that alice%40example.com and ALICE@example.com correlate. */
  private hash(secret: string): string {
    // Options validation guarantees a key whenever a hashing detector is active.
    const canonical = secret
      .replace(/%40/g, '@')
      .replace(/%2[Bb]/g, '+')
      .replace(/%3[Aa]/g, ':')
      .replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
    return createHmac('sha256', this.hashKey as string)
      .update(canonical)
      .digest('hex')
      .slice(0, HASH_HEX_DIGITS);
  }
}

/** The last `count` ASCII letters and digits, URL escapes and separators skipped: the last 4 digits of a card. */
function lastCharacters(secret: string, count: number): string {
  return secret
    .replace(/%[0-9A-Fa-f]{2}/g, '')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(-count);
}

export function mask(kind: string): string {
  return `[REDACTED:${kind}]`;
}
