import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** What the version check reads of a module definition (or of its outline). */
export interface VersionRanges {
  readonly name: string;
  readonly supportedVersions: readonly string[];
  readonly includePrerelease?: boolean;
}

/** Where a package resolves from a directory, as `require` there would find it: its package.json, or undefined. */
export function packageJsonFrom(directory: string, name: string): string | undefined {
  const paths = createRequire(join(directory, 'index.js')).resolve.paths(name) ?? [];
  return paths.map((dir) => join(dir, name, 'package.json')).find((file) => existsSync(file));
}

/**
 * Why an instrumentation cannot attach to the library an application installs, or undefined when it can: the
 * installed version (read from its package.json, the library itself is not loaded) is outside the ranges of
 * every module definition. A definition of another package (express 5's `router`) counts when that package
 * resolves from the library's own directory at a version in its range, as the library would load it.
 */
export function unsupportedVersion(
  library: string,
  packageJson: string,
  definitions: readonly VersionRanges[],
): string | undefined {
  const version = versionIn(packageJson);
  const ranges = definitions.filter((definition) => definition.supportedVersions.length > 0);
  if (version === undefined || ranges.length === 0) return undefined;
  const attaches = ranges.some((definition) => {
    const file =
      definition.name === library ? packageJson : packageJsonFrom(dirname(packageJson), definition.name);
    const found = file === undefined ? undefined : versionIn(file);
    return found !== undefined && inRange(found, definition);
  });
  if (attaches) return undefined;
  const supported = ranges.map((d) => `${d.name} ${d.supportedVersions.join(' || ')}`).join(' or ');
  return `unsupported version: ${library} ${version} is installed, supported ${supported}`;
}

/** The satisfies(version, range, options) of OpenTelemetry's require hook. */
type Satisfies = (version: string, range: string, options: { includePrerelease: boolean }) => boolean;

/**
 * The very check OpenTelemetry's require hook applies before it patches a module (so this one cannot disagree
 * with it). The package does not export it; its file sits beside the entry point of the exact version
 * package.json pins. Looked up once, on the first check that simpleSatisfies cannot answer.
 */
let hookCheck: Satisfies | null | undefined;
export function hookSatisfies(): Satisfies | null {
  if (hookCheck === undefined) {
    try {
      const file = join(dirname(require.resolve('@opentelemetry/instrumentation')), 'semver.cjs');
      const { satisfies } = require(file) as { satisfies?: Satisfies };
      hookCheck = typeof satisfies === 'function' ? satisfies : null;
    } catch {
      hookCheck = null;
    }
  }
  return hookCheck;
}

function inRange(version: string, definition: VersionRanges): boolean {
  const simple = definition.supportedVersions.map((range) => simpleSatisfies(version, range));
  if (simple.every((answer) => answer !== undefined)) return simple.includes(true);
  const satisfies = hookSatisfies();
  // Without the hook's check (another layout of the package) nothing is reported rather than guessed.
  if (satisfies === null) return true;
  const options = { includePrerelease: definition.includePrerelease === true };
  return definition.supportedVersions.some((range) => satisfies(version, range, options));
}

const PLAIN_VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const BOUNDED_RANGE = /^>=(0|[1-9]\d*)(?:\.(0|[1-9]\d*))? <(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?$/;

/**
 * The hook's answer for the ranges every instrumentation of this repository declares (`*`, `>=a <b`, `>=a.b <c.d`)
 * and a release version (`x.y.z`), computed without its parser, whose first calls cost start-up milliseconds;
 * undefined for anything else, which the hook's check answers. test/library-versions.test.ts holds it to the
 * hook's answers for every range the outlines declare.
 */
export function simpleSatisfies(version: string, range: string): boolean | undefined {
  const plain = PLAIN_VERSION.exec(version);
  if (plain === null) return undefined;
  if (range === '*') return true;
  const bounds = BOUNDED_RANGE.exec(range);
  if (bounds === null) return undefined;
  // The bounds are x.y.0: the patch of a release version never decides.
  const [major, minor] = plain.slice(1, 3).map(Number) as [number, number];
  const [fromMajor, fromMinor, toMajor, toMinor] = bounds.slice(1, 5).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
  ];
  const compare = (otherMajor: number, otherMinor: number) => major - otherMajor || minor - otherMinor;
  return compare(fromMajor, fromMinor) >= 0 && compare(toMajor, toMinor) < 0;
}

/** The version a package.json names; undefined when it cannot be read (the check is skipped, never thrown). */
function versionIn(packageJson: string): string | undefined {
  try {
    const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: unknown };
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}
