import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Redactor, type RedactorOptions } from '../src/redaction';
import { renderVectors, VECTORS_PATH } from './fixtures/redaction/build-vectors.mjs';
import { stringsIn } from './support/strings-in';

interface VectorOptions {
  extra_keys?: string[];
  allow_keys?: string[];
  extra_value_patterns?: string[];
  pseudonymize?: ('email' | 'ip')[];
  max_string_length?: number;
  max_depth?: number;
  max_items?: number;
}

interface Vector {
  id: string;
  kind: string;
  options?: VectorOptions;
  input: { attributes?: Record<string, unknown>; body?: unknown };
  expect: { attributes?: Record<string, unknown>; body?: unknown };
  must_not_contain: string[];
}

const file = JSON.parse(readFileSync(join(__dirname, '../../../spec/redaction-vectors.json'), 'utf8')) as {
  hash_key: string;
  vectors: Vector[];
};

function redactorFor(options: VectorOptions = {}): Redactor {
  const redactorOptions: RedactorOptions = {
    hashKey: file.hash_key,
    extraKeys: options.extra_keys,
    allowKeys: options.allow_keys,
    extraValuePatterns: options.extra_value_patterns,
    pseudonymize: options.pseudonymize,
    maxStringLength: options.max_string_length,
    maxDepth: options.max_depth,
    maxItems: options.max_items,
  };
  return new Redactor(redactorOptions);
}

function redact(vector: Vector): Vector['expect'] {
  const redactor = redactorFor(vector.options);
  const output: Vector['expect'] = {};
  if (vector.input.attributes !== undefined)
    output.attributes = redactor.redactAttributes(vector.input.attributes);
  if ('body' in vector.input) output.body = redactor.redactValue(vector.input.body);
  return output;
}

describe('spec/redaction-vectors.json', () => {
  it('is what its builder writes', () => {
    expect(readFileSync(VECTORS_PATH, 'utf8')).toBe(renderVectors());
  });

  it('has at least 200 vectors with unique ids', () => {
    expect(file.vectors.length).toBeGreaterThanOrEqual(200);
    expect(new Set(file.vectors.map((vector) => vector.id)).size).toBe(file.vectors.length);
  });

  it.each(file.vectors.map((vector) => [vector.id, vector] as const))('%s', (_id, vector) => {
    const output = redact(vector);
    expect(output).toEqual(vector.expect);
    const texts = stringsIn(output);
    for (const secret of vector.must_not_contain) {
      expect(texts.filter((text) => text.includes(secret))).toEqual([]);
    }
  });

  it('returns benign attribute strings as the very same strings (containers are always copies)', () => {
    const redactor = redactorFor();
    for (const vector of file.vectors.filter(
      ({ kind, options }) => kind === 'benign' && options === undefined,
    )) {
      const attributes = vector.input.attributes ?? {};
      const output = redactor.redactAttributes(attributes);
      for (const key of Object.keys(attributes)) {
        const value = attributes[key];
        if (typeof value === 'string') expect(output[key], vector.id).toBe(value);
        else expect(output[key], vector.id).toEqual(value);
      }
    }
  });
});
