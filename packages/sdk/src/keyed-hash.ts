import { createHmac, randomBytes } from 'node:crypto';

/**
 * HMAC-SHA256 pseudonyms: the same input gives the same pseudonym under one key (so records still correlate),
 * and without the key a pseudonym cannot be reversed by hashing guesses.
 */
export class KeyedHasher {
  private readonly key: string | Buffer;

  /** Without a key, a random per-process key: correlation holds within this process only. */
  constructor(key: string | undefined) {
    this.key = key ?? randomBytes(32);
  }

  /** The first `hexLength` hex digits of the HMAC (128 bits by default: collision-free at any realistic scale). */
  hash(value: string, hexLength = 32): string {
    return createHmac('sha256', this.key).update(value).digest('hex').slice(0, hexLength);
  }
}
