import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InMemoryLogRecordExporter } from '@opentelemetry/sdk-logs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SecotelSdk, security, startSecotel } from '../src';
import { stringsIn } from './support/strings-in';

interface Vector {
  id: string;
  kind: string;
  options?: unknown;
  input: { attributes?: Record<string, unknown> };
  must_not_contain: string[];
}

/** Every planted secret of the shared vectors that the default configuration must find, with its context. */
const PLANTED = (
  JSON.parse(readFileSync(join(__dirname, '../../../spec/redaction-vectors.json'), 'utf8')) as {
    vectors: Vector[];
  }
).vectors.flatMap(({ id, options, input, must_not_contain }) => {
  const text = input.attributes?.['app.detail'] ?? input.attributes?.['url.full'];
  if (options !== undefined || !/\.(plain|url_encoded)\.\d+$/.test(id) || typeof text !== 'string') return [];
  return [{ text, secrets: must_not_contain }];
});

/** A planted text inside caller junk; a line break apart, so that the junk cannot glue itself to the secret. */
const junkAround = (text: string) =>
  fc
    .tuple(fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 }))
    .map(([a, b]) => `${a}\n${text}\n${b}`);

/** The ways a caller can hand a value over: as it is, nested in maps and arrays among junk, or as a map key. */
const nested = (value: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.letrec<{ node: unknown }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      value,
      fc.array(fc.oneof(tie('node'), fc.anything()), { minLength: 1, maxLength: 3 }).map((items) => items),
      fc.tuple(fc.string({ maxLength: 8 }), tie('node'), fc.anything()).map(([key, inner, junk]) => ({
        [`k${key}`]: inner,
        other: junk,
      })),
    ),
  })).node;

/** Terminal sequences glued right before the planted text: escaping them must not take its first letter. */
const escapeGlued = (text: string) =>
  fc
    .array(
      fc.constantFrom(
        '\u001b',
        '\u009b',
        '\u0007',
        '\u001b[',
        '\u001b[1;',
        '\u001b]0;',
        '\u001b(',
        '\u001b[ ',
      ),
      {
        minLength: 1,
        maxLength: 3,
      },
    )
    .map((sequences) => `${sequences.join('')}${text}`);

const placement = (text: string) => {
  const carried = fc.oneof(junkAround(text), escapeGlued(text));
  const digits = /^[0-9]{13,19}$/.test(text) ? [fc.constant(Number(text))] : [];
  const valueForms = fc.oneof(carried, fc.constant(text), ...digits);
  return fc.oneof(
    valueForms.map((value) => ({ attributes: { 'app.detail': value } as unknown })),
    nested(valueForms).map((value) => ({ attributes: { 'app.context': value } as unknown })),
    carried.map((value) => ({ attributes: value as unknown })),
    nested(valueForms).map((body) => ({ attributes: {}, body })),
    carried.map((key) => ({ attributes: {}, body: { [key]: 1 } })),
  );
};

const planted = fc
  .constantFrom(...PLANTED)
  .chain(({ text, secrets }) => placement(text).map((call) => ({ call, secrets })));

let sdk: SecotelSdk | undefined;
const exporter = new InMemoryLogRecordExporter();
beforeAll(() => {
  sdk = startSecotel({ env: { OTEL_LOGS_EXPORTER: 'none', SECOTEL_RATE_CAP: '0' }, exporters: [exporter] });
});
afterAll(async () => {
  await sdk?.shutdown();
});

describe('emit, whatever the caller passes', () => {
  it('has planted secrets to hide', () => {
    expect(PLANTED.length).toBeGreaterThan(100);
  });

  it('never throws and never exports a planted secret of the vector set', async () => {
    await fc.assert(
      fc.asyncProperty(planted, async ({ call, secrets }) => {
        exporter.reset();
        expect(() =>
          security.authzFail(
            call.attributes as never,
            'body' in call ? ({ body: call.body } as never) : undefined,
          ),
        ).not.toThrow();
        await sdk?.forceFlush();
        const [record] = exporter.getFinishedLogRecords();
        expect(record?.eventName).toBe('security.authz_fail');
        const texts = stringsIn([record?.attributes, record?.body]);
        for (const secret of secrets) expect(texts.filter((text) => text.includes(secret))).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on anything at all', () => {
    fc.assert(
      fc.property(
        fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true }),
        (value) => {
          expect(() => security.authzFail(value as never, { body: value } as never)).not.toThrow();
          expect(() => security.setUser(value as never)).not.toThrow();
          expect(() => security.loginFailure(value as never)).not.toThrow();
        },
      ),
      { numRuns: 300 },
    );
  });
});
