// The version check register runs at start-up answers as OpenTelemetry's require hook does: its quick answer for
// the ranges the instrumentations declare is held to the hook's own check over every declared range, at and
// around each bound, and anything outside that simple form is left to the hook's check.
import { describe, expect, it } from 'vitest';
import { OUTLINES } from '../src/instrumentation-outlines.generated';
import { hookSatisfies, simpleSatisfies } from '../src/library-versions';

const declared = [
  ...new Set(
    Object.values(OUTLINES).flatMap(({ modules }) =>
      modules.flatMap((module) => [
        ...module.supportedVersions,
        ...module.files.flatMap((f) => f.supportedVersions),
      ]),
    ),
  ),
];
const ranges = [...declared, '>=1.2 <1.10', '>=0 <1', '>=0.0 <0.1'];

/** Versions at, just below and just above every bound of every range, and a few far away. */
function versionsAround(range: string): string[] {
  const bounds = [...range.matchAll(/(\d+)(?:\.(\d+))?/g)].map(([, major, minor]) => [
    Number(major),
    Number(minor ?? 0),
  ]);
  const versions = ['0.0.0', '0.0.1', '0.1.0', '99.0.0', '1.0.0'];
  for (const [major = 0, minor = 0] of bounds) {
    versions.push(
      `${major}.${minor}.0`,
      `${major}.${minor}.1`,
      `${major}.${minor + 1}.0`,
      `${major + 1}.0.0`,
    );
    if (minor > 0) versions.push(`${major}.${minor - 1}.99`);
    if (major > 0) versions.push(`${major - 1}.99.99`, `${major - 1}.0.0`);
  }
  return versions;
}

describe('the quick version check', () => {
  const satisfies = hookSatisfies();

  it("finds OpenTelemetry's check beside its entry point", () => {
    expect(typeof satisfies).toBe('function');
  });

  it.each(ranges)('answers as the hook does for %s, at and around its bounds', (range) => {
    for (const version of versionsAround(range)) {
      const quick = simpleSatisfies(version, range);
      expect(quick, `${version} in ${range}`).toBeDefined();
      for (const includePrerelease of [false, true])
        expect(quick, `${version} in ${range}`).toBe(satisfies?.(version, range, { includePrerelease }));
    }
  });

  it.each([
    ['5.0.0-beta.1', '>=4 <6'],
    ['05.1.0', '>=4 <6'],
    ['5.1', '>=4 <6'],
    ['v5.1.0', '>=4 <6'],
    ['5.1.0+build.7', '>=4 <6'],
    ['5.1.0', '>=4'],
    ['5.1.0', '^5.0.0'],
    ['5.1.0', '>= 4 <6'],
    ['5.1.0', '>=4 <6 || >=8'],
    ['5.1.0', '4.x'],
    ['5.1.0', '>=04 <6'],
    ['5.1.0', '>=4.1.2 <6'],
  ])('leaves %s in %s to the hook', (version, range) => {
    expect(simpleSatisfies(version, range)).toBeUndefined();
  });
});
