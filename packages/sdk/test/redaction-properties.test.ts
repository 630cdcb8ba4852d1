import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Redactor } from '../src/redaction';
import { stringsIn } from './support/strings-in';

const HASH_KEY = 'property-test-hash-key-0001';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const B64 = `${ALNUM}+/`;
const B64URL = `${ALNUM}-_`;

const chars = (alphabet: string, minLength: number, maxLength = minLength) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength });
/** Random credentials that look like credentials (a digit somewhere), as the prose guards require. */
const credential = (alphabet: string, minLength: number, maxLength: number) =>
  fc
    .tuple(chars(alphabet, minLength - 1, maxLength - 1), fc.constantFrom(...'0123456789'))
    .map(([text, digit]) => {
      const at = text.length >> 1;
      return text.slice(0, at) + digit + text.slice(at);
    });

/** The card numbers of each brand, completed with a Luhn check digit. */
const luhnComplete = (digits: string) => {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return digits + String((10 - (sum % 10)) % 10);
};
const card = fc
  .tuple(fc.constantFrom('4', '51', '55', '2221', '6011', '65', '3528', '62'), chars('0123456789', 15, 15))
  .map(([prefix, rest]) => luhnComplete((prefix + rest).slice(0, 15)));

interface Planted {
  /** What must not survive. */
  readonly secret: string;
  /** The secret where it is found. */
  readonly text: string;
}
const plain = (secret: fc.Arbitrary<string>) =>
  secret.map((value): Planted => ({ secret: value, text: value }));
const inContext = (secret: fc.Arbitrary<string>, context: (value: string) => string) =>
  secret.map((value): Planted => ({ secret: value, text: context(value) }));

/** One generator per kind of secret the redactor promises to remove. */
const PLANTED: Record<string, fc.Arbitrary<Planted>> = {
  private_key: fc
    .tuple(chars(B64, 40, 200), fc.constantFrom('RSA ', 'EC ', 'OPENSSH ', 'ENCRYPTED ', ''))
    .map(
      ([body, type]): Planted => ({
        secret: body,
        text: `-----BEGIN ${type}PRIVATE KEY-----\n${body}\n-----END ${type}PRIVATE KEY-----`,
      }),
    ),
  jwt: plain(
    fc
      .tuple(chars(B64URL, 10, 40), chars(B64URL, 10, 80), chars(B64URL, 20, 43))
      .map(([header, payload, signature]) => `eyJ${header}.eyJ${payload}.${signature}`),
  ),
  github_token: plain(
    fc.oneof(
      fc
        .tuple(fc.constantFrom('ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'), chars(ALNUM, 36))
        .map(([p, s]) => p + s),
      chars(ALNUM, 82).map((s) => `github_pat_${s}`),
    ),
  ),
  gitlab_token: plain(chars(ALNUM, 20, 30).map((s) => `glpat-${s}`)),
  slack_token: plain(chars(ALNUM, 24).map((s) => `xoxb-123456789012-1234567890123-${s}`)),
  slack_webhook: inContext(
    chars(ALNUM, 24).map((s) => `T0AB12CD3/B0EF45GH6/${s}`),
    (s) => `https://hooks.slack.com/services/${s}`,
  ),
  stripe_key: plain(
    fc
      .tuple(fc.constantFrom('sk_live_', 'rk_live_', 'sk_test_'), chars(ALNUM, 24, 99))
      .map((p) => p.join('')),
  ),
  google_api_key: plain(chars(`${ALNUM}-_`, 35).map((s) => `AIza${s}`)),
  npm_token: plain(chars(ALNUM, 36).map((s) => `npm_${s}`)),
  openai_api_key: plain(chars(B64URL, 40, 150).map((s) => `sk-proj-${s}`)),
  anthropic_api_key: plain(chars(B64URL, 80, 100).map((s) => `sk-ant-api03-${s}`)),
  sendgrid_api_key: plain(fc.tuple(chars(B64URL, 22), chars(B64URL, 43)).map(([a, b]) => `SG.${a}.${b}`)),
  digitalocean_token: plain(chars(HEX, 64).map((s) => `dop_v1_${s}`)),
  huggingface_token: plain(chars(ALNUM, 34).map((s) => `hf_${s}`)),
  aws_access_key_id: plain(
    fc
      .tuple(fc.constantFrom('AKIA', 'ASIA'), chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16))
      .map((p) => p.join('')),
  ),
  aws_secret_key: inContext(chars(B64, 40), (s) => `AWS_SECRET_ACCESS_KEY=${s}`),
  url_password: inContext(
    credential(`${ALNUM}!*-_.~`, 6, 24),
    (s) => `postgres://app:${s}@db.internal:5432/app`,
  ),
  bearer: inContext(credential(`${ALNUM}-._~`, 12, 60), (s) => `Authorization: Bearer ${s}`),
  basic_auth: inContext(
    fc
      .tuple(chars(ALNUM, 1, 12), chars(ALNUM, 1, 20))
      .map(([user, password]) => Buffer.from(`${user}:${password}`).toString('base64')),
    (s) => `Authorization: Basic ${s}`,
  ),
  key_value: fc
    .tuple(
      fc.constantFrom('password', 'db_password', 'client_secret', 'api_key', 'access_token', 'X-Api-Key'),
      credential(`${ALNUM}!@#$*-_`, 6, 30),
      fc.constantFrom('=', ': ', '":"', "='", ' = '),
    )
    .map(([key, secret, separator]): Planted => ({ secret, text: `${key}${separator}${secret}` })),
  card: fc
    .tuple(card, fc.constantFrom('', ' ', '-'), fc.option(chars('0123456789', 3, 4)))
    .map(([digits, separator, more]): Planted => {
      const grouped = digits.match(/.{1,4}/g)?.join(separator) ?? digits;
      // A card in groups may be followed by one more group of digits (its CVV) in the same run of groups.
      const text = more !== null && separator !== '' ? grouped + separator + more : grouped;
      return { secret: grouped, text };
    }),
};

/** Random text around the secret, always separated from it as text would be. */
const surrounded = (planted: fc.Arbitrary<Planted>) =>
  fc
    .tuple(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(' ', '\n', '\t', ' | ', ', ', '; ', ' (', '"', '\r\n'),
      planted,
      fc.constantFrom(' ', '\n', ' | ', ', ', '; ', ') ', '"', '.\n'),
      fc.string({ maxLength: 40 }),
    )
    .map(([before, open, { secret, text }, close, after]) => ({
      secret,
      text: before + open + text + close + after,
    }));

/** A log record's redacted parts. */
interface Placed {
  attributes?: Record<string, unknown>;
  body?: unknown;
}
/** A planted secret and the record it was placed in. */
interface PlacedSecret {
  secret: string;
  record: Placed;
}

/** Places a string in a random structure: an attribute, a body, nested in maps and arrays. */
const placed = (text: string) =>
  fc
    .constantFrom<(value: string) => Placed>(
      (value) => ({ attributes: { 'app.detail': value } }),
      (value) => ({ body: value }),
      (value) => ({ body: { list: [1, { note: value }] } }),
      (value) => ({ attributes: { 'app.items': [value, 'other'] } }),
    )
    .map((place) => place(text));

function redactRecord(redactor: Redactor, record: Placed) {
  return {
    attributes: record.attributes === undefined ? undefined : redactor.redactAttributes(record.attributes),
    body: redactor.redactValue(record.body),
  };
}

/** Records found by shrinking once, replayed on every run so that they stay covered rather than by chance. */
const EXAMPLES: Record<string, PlacedSecret[]> = {
  card: [{ secret: '4000 0000 0000 0002', record: { body: ' 4000 0000 0000 0002 000' } }],
};

describe('redaction properties', () => {
  const redactor = new Redactor({ hashKey: HASH_KEY });

  it.each(Object.entries(PLANTED))('a planted %s never survives', (kind, planted) => {
    fc.assert(
      fc.property(
        surrounded(planted).chain(({ secret, text }) =>
          placed(text).map((record): PlacedSecret => ({ secret, record })),
        ),
        ({ secret, record }) => {
          const output = redactRecord(redactor, record);
          expect(stringsIn(output).filter((text) => text.includes(secret))).toEqual([]);
        },
      ),
      { numRuns: 200, examples: (EXAMPLES[kind] ?? []).map((example) => [example]) },
    );
  });

  it('never throws, whatever the value', () => {
    const odd = fc.anything({
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
      withUnicodeString: true,
      maxDepth: 12,
    });
    const sharp = new Redactor({
      hashKey: HASH_KEY,
      pseudonymize: ['email', 'ip'],
      maxDepth: 4,
      maxItems: 5,
    });
    fc.assert(
      fc.property(odd, fc.string(), (value, key) => {
        for (const subject of [redactor, sharp]) {
          subject.redactValue(value);
          subject.redactValue(value, key);
          subject.redactString(value as string);
          if (typeof value === 'object' && value !== null)
            subject.redactAttributes(value as Record<string, unknown>);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on cycles, throwing getters, proxies, functions, symbols and huge strings', () => {
    const cyclic: Record<string, unknown> = { name: 'a' };
    cyclic.self = cyclic;
    cyclic.list = [cyclic, { back: cyclic }];
    const getter = Object.defineProperty({}, 'boom', {
      enumerable: true,
      get() {
        throw new Error('getter');
      },
    });
    const proxy = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('proxy');
        },
      },
    );
    const values = [
      cyclic,
      getter,
      proxy,
      { getter, fine: 'ok' },
      () => 1,
      Symbol('s'),
      10n,
      new Uint8Array([1, 2]),
      new Date(0),
      new Map([['a', 1]]),
      'x'.repeat(5_000_000),
      `${'9'.repeat(100_000)} ${'ghp_'.repeat(50_000)}`,
    ];
    for (const value of values) {
      expect(() => redactor.redactValue(value)).not.toThrow();
      expect(() => redactor.redactAttributes({ value })).not.toThrow();
    }
    expect(redactor.redactValue(cyclic)).toEqual({
      name: 'a',
      self: '[CIRCULAR]',
      list: ['[CIRCULAR]', { back: '[CIRCULAR]' }],
    });
    expect(redactor.redactAttributes({ getter, fine: 'ok' })).toEqual({
      getter: '[UNSUPPORTED:object]',
      fine: 'ok',
    });
  });

  /** Text that mixes secrets, escapes, controls and markers in random order. */
  const tricky = fc
    .array(
      fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.string({ unit: 'binary', maxLength: 6 }),
        fc.constantFrom(
          ' ',
          '\n',
          '\u001b[31m',
          '\u001b',
          '%20',
          '%3D',
          '%3A%2F%2F',
          '%40',
          '=',
          ': ',
          '"',
          '\\',
          '\\n',
          '[REDACTED:token]',
          '[TRUNCATED]',
          'password',
          'token=',
          'Bearer ',
          'Basic ',
          'https://u:p@h/',
          'alice@example.com',
          '203.0.113.9',
          '2001:db8::1',
          '4111 1111 1111 1111',
          '4111111111111111',
          'ghp_0123456789abcdefghijABCDEFGHIJ012345',
          'eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.',
          '-----BEGIN PRIVATE KEY-----',
        ),
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.join(''));
  const recordOf = (text: fc.Arbitrary<string>) =>
    fc
      .tuple(text, text)
      .map(([a, b]) => ({ attributes: { 'app.detail': a, nested: { [b]: [a, 1] } }, body: b }));
  const settings = [
    { hashKey: HASH_KEY },
    { hashKey: HASH_KEY, pseudonymize: ['email', 'ip'] as ('email' | 'ip')[], maxStringLength: 64 },
  ];

  it.each(settings)('is stable: redacting the output again changes nothing (%o)', (options) => {
    const subject = new Redactor(options);
    fc.assert(
      fc.property(recordOf(tricky), (record) => {
        const once = redactRecord(subject, record);
        const twice = redactRecord(subject, once as typeof record);
        expect(twice).toEqual(once);
      }),
      { numRuns: 1000 },
    );
  });

  it('is deterministic: the same input gives the same output, in one redactor and across redactors', () => {
    const options = { hashKey: HASH_KEY, pseudonymize: ['email', 'ip'] as ('email' | 'ip')[] };
    const first = new Redactor(options);
    const second = new Redactor(options);
    fc.assert(
      fc.property(recordOf(tricky), (record) => {
        const expected = redactRecord(first, record);
        expect(redactRecord(first, record)).toEqual(expected);
        expect(redactRecord(second, record)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});
