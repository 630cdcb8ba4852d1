import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RedactionConfigError, Redactor, type RedactorOptions } from '../src/redaction';

const HASH_KEY = 'options-test-hash-key-0001';

function configError(options: unknown): RedactionConfigError {
  try {
    new Redactor(options as RedactorOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(RedactionConfigError);
    return error as RedactionConfigError;
  }
  throw new Error(`no RedactionConfigError for ${JSON.stringify(options)}`);
}

describe('Redactor options', () => {
  it('works with no options at all', () => {
    const redactor = new Redactor();
    expect(redactor.redactString('password=hunter2')).toBe('password=[REDACTED:password]');
  });

  it.each([
    [
      { hashKey: 'short' },
      /hashKey \(SECOTEL_HASH_KEY\) must be a string of at least 16 characters, got 5 characters/,
    ],
    [{ hashKey: 42 }, /hashKey \(SECOTEL_HASH_KEY\) must be a string .* got number/],
    [
      { pseudonymize: ['email'] },
      /pseudonymize \(SECOTEL_PSEUDONYMIZE\) .* needs hashKey \(SECOTEL_HASH_KEY\)/,
    ],
    [
      { hashKey: HASH_KEY, pseudonymize: ['phone'] },
      /pseudonymize .* unknown kind "phone"; the kinds are email and ip/,
    ],
    [
      { extraKeys: ['ssn', '_-.'] },
      /extraKeys \(SECOTEL_REDACT_KEYS\) entry "_-\." has no letters or digits/,
    ],
    [{ extraKeys: 'ssn' }, /extraKeys \(SECOTEL_REDACT_KEYS\) must be a list of strings/],
    [{ extraKeys: ['contraseña'] }, /extraKeys .* entry "contraseña" .* ASCII/],
    [{ allowKeys: [''] }, /allowKeys \(SECOTEL_REDACT_ALLOW_KEYS\) has an empty entry/],
    [
      { extraValuePatterns: ['ACME-('] },
      /extraValuePatterns \(SECOTEL_REDACT_VALUES\) entry "ACME-\(" is not a valid regular expression/,
    ],
    [{ extraValuePatterns: ['(?<=id=)[0-9]+'] }, /entry "\(\?<=id=\)\[0-9\]\+" uses a lookbehind .* RE2/],
    [{ extraValuePatterns: ['(a)\\1'] }, /uses a backreference/],
    [{ extraValuePatterns: ['x(?=y)'] }, /uses a lookahead/],
    [{ extraValuePatterns: ['[0-9]*'] }, /entry "\[0-9\]\*" matches the empty string/],
    [
      { extraValuePatterns: ['(?<secret>[0-9]+)-x'] },
      /has a \(\?<secret>\.\.\.\) group that does not end the pattern/,
    ],
    [
      { maxStringLength: 10 },
      /maxStringLength \(SECOTEL_MAX_VALUE_LENGTH\) must be an integer from 64 to 1048576, got 10/,
    ],
    [{ maxStringLength: 100.5 }, /maxStringLength .* got 100\.5/],
    [{ maxDepth: 0 }, /maxDepth must be an integer from 1 to 64, got 0/],
    [{ maxItems: 1e9 }, /maxItems must be an integer from 1 to 100000, got 1000000000/],
    [{ maxStringLen: 100 }, /Redactor has no option "maxStringLen"; the options are hashKey, extraKeys/],
    ['yes', /Redactor options must be an object, got string/],
  ])('rejects %j with a clear error', (options, message) => {
    const error = configError(options);
    expect(error.message).toMatch(message);
    expect(error.name).toBe('RedactionConfigError');
  });

  it('names a valid example in every option error', () => {
    for (const options of [
      { hashKey: 'short' },
      { pseudonymize: ['ip'] },
      { extraKeys: ['--'] },
      { extraValuePatterns: ['('] },
      { maxDepth: 99 },
    ]) {
      expect(configError(options).message).toMatch(/Example of a valid value: \S+/);
    }
  });

  it('lets a key in both the block and the allow list be redacted (block wins)', () => {
    const redactor = new Redactor({ extraKeys: ['ssn'], allowKeys: ['user.ssn', 'app.token_count'] });
    expect(redactor.redactAttributes({ 'user.ssn': '078-05-1120', 'app.token_count': 3 })).toEqual({
      'user.ssn': '[REDACTED:custom_key]',
      'app.token_count': 3,
    });
  });

  it('still scans allowed keys for secrets in their values', () => {
    const redactor = new Redactor({ allowKeys: ['app.note'] });
    expect(redactor.redactAttributes({ 'app.note': 'Authorization: Bearer abc123def456' })).toEqual({
      'app.note': 'Authorization: Bearer [REDACTED:bearer]',
    });
  });

  it('masks values of user patterns, and only the `secret` group when there is one', () => {
    const redactor = new Redactor({ extraValuePatterns: ['ACME-[0-9]{8}', 'order=(?<secret>[A-Z]{6})'] });
    expect(redactor.redactString('ref ACME-20240117, order=QWERTY')).toBe(
      'ref [REDACTED:custom], order=[REDACTED:custom]',
    );
  });

  it('pseudonymises emails and IP addresses only when asked', () => {
    const text = 'alice@example.com from 203.0.113.9';
    expect(new Redactor({ hashKey: HASH_KEY }).redactString(text)).toBe(text);
    const pseudonym = (kind: string, value: string) =>
      `[HASH:${kind}:${createHmac('sha256', HASH_KEY).update(value).digest('hex').slice(0, 16)}]`;
    expect(new Redactor({ hashKey: HASH_KEY, pseudonymize: ['email'] }).redactString(text)).toBe(
      `${pseudonym('email', 'alice@example.com')} from 203.0.113.9`,
    );
    expect(new Redactor({ hashKey: HASH_KEY, pseudonymize: ['email', 'ip'] }).redactString(text)).toBe(
      `${pseudonym('email', 'alice@example.com')} from ${pseudonym('ip', '203.0.113.9')}`,
    );
  });

  it('hashes deterministically under one key, differently under another, and case-insensitively', () => {
    const redactor = (hashKey: string) => new Redactor({ hashKey, pseudonymize: ['email'] });
    const first = redactor(HASH_KEY).redactString('alice@example.com');
    expect(redactor(HASH_KEY).redactString('alice@example.com')).toBe(first);
    expect(redactor(HASH_KEY).redactString('ALICE%40Example.com')).toBe(first);
    expect(redactor('another-hash-key-0002').redactString('alice@example.com')).not.toBe(first);
    expect(first).toMatch(/^\[HASH:email:[0-9a-f]{16}\]$/);
  });

  it('applies the size limits it is given', () => {
    const redactor = new Redactor({ maxStringLength: 64, maxDepth: 2, maxItems: 2 });
    expect(redactor.redactString('a'.repeat(65))).toBe(`${'a'.repeat(64)}[TRUNCATED]`);
    expect(redactor.redactValue({ a: { b: { c: 1 } } })).toEqual({ a: { b: '[TRUNCATED:depth]' } });
    expect(redactor.redactValue([1, 2, 3])).toEqual([1, 2]);
  });

  it('uses the spec defaults: 4096 code points, depth 8, 128 items', () => {
    const redactor = new Redactor();
    expect(redactor.redactString('a'.repeat(4096))).toBe('a'.repeat(4096));
    expect(redactor.redactString('a'.repeat(4097))).toBe(`${'a'.repeat(4096)}[TRUNCATED]`);
    let deep: unknown = 'leaf';
    for (let i = 0; i < 9; i++) deep = [deep];
    expect(JSON.stringify(redactor.redactValue(deep))).toBe(
      `${'['.repeat(8)}"[TRUNCATED:depth]"${']'.repeat(8)}`,
    );
    expect((redactor.redactValue(Array.from({ length: 200 }, (_, i) => i)) as unknown[]).length).toBe(128);
  });
});

describe('Redactor results', () => {
  const redactor = new Redactor();

  it('returns strings that needed no change as they are, and copies of every container', () => {
    const nested = { list: ['a', 1], inner: { ok: true } };
    const attributes = { 'user.name': 'alice', nested, count: 3 };
    const redacted = redactor.redactAttributes(attributes);
    expect(redacted).not.toBe(attributes);
    expect(redacted.nested).not.toBe(nested);
    expect(redacted.nested).toEqual(nested);
    expect(redacted['user.name']).toBe('alice');
    const body = { a: [{ b: 'x' }] };
    expect(redactor.redactValue(body)).not.toBe(body);
    expect(redactor.redactValue(body)).toEqual(body);
  });

  it('redacts an object handed over in place, exactly as it redacts a copy', () => {
    const make = (): Record<string, unknown> => {
      const attributes: Record<string, unknown> = {
        password: 'hunter2',
        'app.note': 'Authorization: Bearer abc123def456',
        nested: { list: ['ghp_0123456789abcdefghijklmnopqrstuvwxyz', 1], ok: true },
        'user.name': 'alice',
      };
      attributes.self = attributes;
      return attributes;
    };
    const copied = redactor.redactAttributes(make());
    const own = make();
    const nested = own.nested;
    const redacted = redactor.redactOwnAttributes(own);
    expect(redacted).toBe(own);
    expect(redacted).toEqual(copied);
    expect(redacted.self).toBe('[CIRCULAR]');
    expect(redacted.password).toBe('[REDACTED:password]');
    expect(redacted.nested).not.toBe(nested);
    expect(JSON.stringify(redacted)).not.toMatch(/hunter2|abc123def456|ghp_0123/);
  });

  it('takes a snapshot: a caller changing its objects afterwards changes nothing redacted', () => {
    const body: Record<string, unknown> = { note: 'ok', list: ['a'] };
    const redacted = redactor.redactValue(body);
    body.password = 'hunter2';
    (body.list as string[]).push('ghp_0123456789abcdefghijklmnopqrstuvwxyz');
    expect(redacted).toEqual({ note: 'ok', list: ['a'] });
    const changed = { password: 'p' };
    expect(redactor.redactValue({ changed })).toEqual({ changed: { password: '[REDACTED:password]' } });
    expect(changed.password).toBe('p');
  });

  it('cuts a huge array before walking it', () => {
    const huge = new Array(1_000_000).fill('x');
    expect(redactor.redactValue({ huge })).toEqual({ huge: huge.slice(0, 128) });
  });

  it('checks a single value against the key it is stored under', () => {
    expect(redactor.redactValue('hunter2', 'password')).toBe('[REDACTED:password]');
    expect(redactor.redactValue('hunter2', 'user.name')).toBe('hunter2');
  });

  it('replaces values it cannot check with fixed markers', () => {
    expect(redactor.redactValue(() => 1)).toBe('[UNSUPPORTED:function]');
    expect(redactor.redactValue(Symbol('s'))).toBe('[UNSUPPORTED:symbol]');
    expect(redactor.redactValue(10n)).toBe('[UNSUPPORTED:bigint]');
    expect(redactor.redactValue(new Uint8Array([1]))).toBe('[UNSUPPORTED:bytes]');
    expect(redactor.redactValue(Buffer.from('password=x'))).toBe('[UNSUPPORTED:bytes]');
    expect(redactor.redactValue(new Date(0))).toBe('[UNSUPPORTED:object]');
    expect(redactor.redactValue(new (class Credentials {})())).toBe('[UNSUPPORTED:object]');
    expect(redactor.redactValue(Object.assign(Object.create(null), { a: 1 }))).toEqual({ a: 1 });
  });

  it('keeps a "__proto__" key as data', () => {
    const attributes = JSON.parse('{"__proto__": {"password": "p"}, "x": 1}') as Record<string, unknown>;
    const redacted = redactor.redactAttributes(attributes);
    expect(Object.getPrototypeOf(redacted)).toBe(Object.prototype);
    expect(Object.keys(redacted)).toEqual(['__proto__', 'x']);
    expect(Object.getOwnPropertyDescriptor(redacted, '__proto__')?.value).toEqual({
      password: '[REDACTED:password]',
    });
  });

  it('counts redactions by kind', () => {
    const counting = new Redactor();
    counting.redactAttributes({
      password: 'x',
      note: 'token=abc123 and ghp_0123456789abcdefghijABCDEFGHIJ012345',
    });
    counting.redactString('line\nbreak');
    expect({ ...counting.stats }).toEqual({ password: 1, token: 1, github_token: 1, control_character: 1 });
  });
});
