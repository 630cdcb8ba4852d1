#!/usr/bin/env node
// Compiles spec/redaction-rules.yaml into packages/sdk/src/redaction/rules.generated.ts and the Go processor's
// otel-collector/securityprocessor/redaction/rules_generated.go: macros expanded, names camel-cased, structure
// checked, once for both. `renderRules()` and `renderGoRulesFormatted()` return the files' text so drift tests
// can compare without writing. The Go file goes through gofmt.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { GO_OUTPUT_PATH, renderGoRules } from './redaction-rules-go.mjs';
import { writeGenerated } from './write-generated.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SPEC_PATH = join(ROOT, 'spec', 'redaction-rules.yaml');
export const OUTPUT_PATH = join(ROOT, 'packages', 'sdk', 'src', 'redaction', 'rules.generated.ts');

/** Filled in at run time from the active key rules; see spec/redaction.md. */
const RUNTIME_MACRO = 'secret_key';
const NAME = /^[a-z][a-z0-9_]*$/;
const STRATEGIES = ['mask', 'hash', 'partial'];
const VALIDATORS = ['credential_like', 'basic_credentials', 'payment_card', 'ipv6'];
const OPT_INS = ['email', 'ip'];

class RuleError extends Error {}

function fail(where, problem) {
  throw new RuleError(`${SPEC_PATH}: ${where}: ${problem}`);
}

function stringList(value, where, { allowEmpty = false } = {}) {
  if (value === undefined && allowEmpty) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item === '')) {
    fail(where, 'must be a list of non-empty strings');
  }
  if (!allowEmpty && value.length === 0) fail(where, 'must not be empty');
  return value;
}

function positiveInteger(value, where) {
  if (!Number.isSafeInteger(value) || value < 1) fail(where, 'must be a positive integer');
  return value;
}

function readDefaults(defaults) {
  return {
    maxStringLength: positiveInteger(defaults?.max_string_length, 'defaults.max_string_length'),
    maxDepth: positiveInteger(defaults?.max_depth, 'defaults.max_depth'),
    maxItems: positiveInteger(defaults?.max_items, 'defaults.max_items'),
  };
}

/** Key fragments are lower-case words; segments are single words. */
function fragments(value, where, wordPattern) {
  const list = stringList(value, where, { allowEmpty: true });
  for (const fragment of list) {
    if (!wordPattern.test(fragment)) fail(where, `"${fragment}" must match ${wordPattern}`);
  }
  return list;
}

function readKeyRules(rules) {
  if (!Array.isArray(rules) || rules.length === 0) fail('key_rules', 'must be a non-empty list');
  return rules.map((rule, index) => {
    const where = `key_rules[${index}]`;
    if (!NAME.test(rule?.kind ?? '')) fail(`${where}.kind`, 'must be a snake_case name');
    const contains = fragments(rule.contains, `${where}.contains`, /^[a-z0-9]+(?: [a-z0-9]+)*$/);
    const segments = fragments(rule.segments, `${where}.segments`, /^[a-z0-9]+$/);
    if (contains.length + segments.length === 0) fail(where, 'needs at least one fragment');
    return { kind: rule.kind, contains, segments };
  });
}

/** `51-55` becomes { length: 2, from: 51, to: 55 }; `4` becomes { length: 1, from: 4, to: 4 }. */
function readPrefix(text, where) {
  const match = /^([0-9]+)(?:-([0-9]+))?$/.exec(String(text));
  if (match === null) fail(where, `"${text}" is not a prefix or a range of prefixes`);
  const [, from, to = from] = match;
  if (from.length !== to.length || Number(from) > Number(to))
    fail(where, `"${text}" is not an ascending range`);
  return { length: from.length, from: Number(from), to: Number(to) };
}

function readCardBrands(brands) {
  if (!Array.isArray(brands) || brands.length === 0) fail('card_brands', 'must be a non-empty list');
  return brands.map((brand, index) => {
    const where = `card_brands[${index}]`;
    if (!NAME.test(brand?.brand ?? '')) fail(`${where}.brand`, 'must be a snake_case name');
    if (!Array.isArray(brand.prefixes) || brand.prefixes.length === 0)
      fail(`${where}.prefixes`, 'must not be empty');
    if (!Array.isArray(brand.lengths) || brand.lengths.some((length) => !Number.isSafeInteger(length))) {
      fail(`${where}.lengths`, 'must be a list of integers');
    }
    return {
      brand: brand.brand,
      prefixes: brand.prefixes.map((prefix) => readPrefix(prefix, `${where}.prefixes`)),
      lengths: brand.lengths,
    };
  });
}

/** Expands `{{name}}` to `(?:<macro>)`, macros inside macros included; the run-time macro stays in place. */
function macroExpander(macros) {
  const expanded = new Map();
  const expand = (text, where, seen) =>
    text.replace(/\{\{([^}]*)\}\}/g, (whole, name) => {
      if (name === RUNTIME_MACRO) return whole;
      if (typeof macros[name] !== 'string') fail(where, `unknown macro {{${name}}}`);
      if (seen.includes(name)) fail(where, `macro {{${name}}} refers to itself`);
      if (!expanded.has(name)) expanded.set(name, expand(macros[name], `macros.${name}`, [...seen, name]));
      return `(?:${expanded.get(name)})`;
    });
  return (text, where) => expand(text, where, []);
}

/**
 * Compiles the pattern (with a stand-in key alternation) to fail here rather than at start-up. The SDK writes
 * each (?i:...) group out letter by letter, since Node 22 has no inline modifiers; for this check a plain group
 * is the same: folding case changes neither the syntax nor whether the empty string matches.
 */
function checkCompiles(pattern, where) {
  const source = pattern
    .replaceAll(`{{${RUNTIME_MACRO}}}`, '(?:password)')
    .replace(/(?<!\\)((?:\\\\)*)\(\?i:/g, '$1(?:');
  let regex;
  try {
    regex = new RegExp(`^(?:${source})$`);
  } catch (error) {
    fail(where, `does not compile: ${error.message}`);
  }
  if (regex.test('')) fail(where, 'can match the empty string');
}

function readDetector(detector, index, expand) {
  const where = `detectors[${index}]`;
  if (!NAME.test(detector?.id ?? '')) fail(`${where}.id`, 'must be a snake_case name');
  const kindFromKey = detector.kind_from_key === true;
  if (kindFromKey === (detector.kind !== undefined))
    fail(where, 'needs exactly one of kind and kind_from_key: true');
  if (!kindFromKey && !NAME.test(detector.kind)) fail(`${where}.kind`, 'must be a snake_case name');
  const declaredFilters =
    (detector.literals === undefined ? 0 : 1) + (detector.prefilter === undefined ? 0 : 1);
  if (declaredFilters !== (kindFromKey ? 0 : 1)) {
    fail(where, 'needs exactly one of literals and prefilter, or neither with kind_from_key');
  }
  if (typeof detector.pattern !== 'string') fail(`${where}.pattern`, 'must be a string');
  const pattern = expand(detector.pattern, `${where}.pattern`);
  checkCompiles(pattern, `${where}.pattern`);
  if (kindFromKey && !pattern.includes('(?<key>')) fail(where, 'kind_from_key needs a (?<key>...) group');
  if (!STRATEGIES.includes(detector.strategy))
    fail(`${where}.strategy`, `must be one of ${STRATEGIES.join(', ')}`);
  if ((detector.strategy === 'partial') !== (detector.keep_last !== undefined)) {
    fail(where, 'keep_last is required with, and only with, strategy partial');
  }
  // The default configuration must work without SECOTEL_HASH_KEY, so only opt-in detectors may hash.
  if (detector.strategy === 'hash' && detector.opt_in === undefined)
    fail(where, 'strategy hash needs opt_in');
  if (detector.validator !== undefined && !VALIDATORS.includes(detector.validator)) {
    fail(`${where}.validator`, `must be one of ${VALIDATORS.join(', ')}`);
  }
  if (detector.opt_in !== undefined && !OPT_INS.includes(detector.opt_in)) {
    fail(`${where}.opt_in`, `must be one of ${OPT_INS.join(', ')}`);
  }
  const prefilter =
    detector.prefilter === undefined ? undefined : expand(detector.prefilter, `${where}.prefilter`);
  if (prefilter !== undefined) checkCompiles(prefilter, `${where}.prefilter`);
  return {
    id: detector.id,
    kind: kindFromKey ? undefined : detector.kind,
    kindFromKey,
    literals: detector.literals === undefined ? [] : stringList(detector.literals, `${where}.literals`),
    prefilter,
    pattern,
    minLength:
      detector.min_length === undefined ? 1 : positiveInteger(detector.min_length, `${where}.min_length`),
    validator: detector.validator,
    strategy: detector.strategy,
    keepLast:
      detector.keep_last === undefined
        ? undefined
        : positiveInteger(detector.keep_last, `${where}.keep_last`),
    optIn: detector.opt_in,
  };
}

export function compileRules(yamlText) {
  const spec = parse(yamlText);
  if (spec?.version !== 1) fail('version', 'must be 1');
  const expand = macroExpander(spec.macros ?? {});
  if (!Array.isArray(spec.detectors) || spec.detectors.length === 0)
    fail('detectors', 'must be a non-empty list');
  const detectors = spec.detectors.map((detector, index) => readDetector(detector, index, expand));
  const ids = detectors.map((detector) => detector.id);
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate !== undefined) fail('detectors', `id "${duplicate}" is used twice`);
  if (typeof spec.macros?.escape !== 'string') fail('macros.escape', 'is required (the code uses it)');
  return {
    defaults: readDefaults(spec.defaults),
    escape: expand('{{escape}}', 'macros.escape'),
    keyRules: readKeyRules(spec.key_rules),
    metadataSuffixes: fragments(spec.metadata_suffixes, 'metadata_suffixes', /^[a-z0-9]+$/),
    allowKeys: stringList(spec.allow_keys, 'allow_keys', { allowEmpty: true }),
    cardBrands: readCardBrands(spec.card_brands),
    detectors,
  };
}

export function renderRules(yamlText = readFileSync(SPEC_PATH, 'utf8')) {
  const rules = compileRules(yamlText);
  // undefined members are dropped by JSON.stringify, which keeps the optional fields optional.
  const body = JSON.stringify(rules, null, 2);
  return [
    '// Generated by scripts/generate-redaction-rules.mjs from spec/redaction-rules.yaml. Do not edit.',
    "import type { RuleSet } from './rule-types';",
    '',
    `export const RULES: RuleSet = ${body};`,
    '',
  ].join('\n');
}

/** The Go rules as gofmt writes them (needs Go's gofmt on PATH). */
export function renderGoRulesFormatted(yamlText = readFileSync(SPEC_PATH, 'utf8')) {
  return execFileSync('gofmt', { input: renderGoRules(compileRules(yamlText)), encoding: 'utf8' });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    writeGenerated(ROOT, [
      [relative(ROOT, OUTPUT_PATH), renderRules()],
      [GO_OUTPUT_PATH, renderGoRulesFormatted()],
    ]);
  } catch (error) {
    if (!(error instanceof RuleError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}
