// The licence gate (scripts/licence-gate.mjs) run as `npm test` runs it, on the repository and on
// fixtures that plant forbidden licences: an AGPL npm package, an SSPL one behind an AND, a
// package without a licence, and a Go module that requires an LGPL module.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test-support/paths';
import { licenceOfText, spdxAllowed } from '../licence-gate.mjs';

const run = promisify(execFile);
const GATE = resolve(REPO_ROOT, 'scripts/licence-gate.mjs');
const FIXTURES = resolve(REPO_ROOT, 'scripts/test/fixtures');

async function gate(...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await run(process.execPath, [GATE, ...args], { timeout: 600_000 });
    return { code: 0, stderr };
  } catch (error) {
    const e = error as { code?: number; stderr?: string };
    if (typeof e.code !== 'number') throw error;
    return { code: e.code, stderr: e.stderr ?? '' };
  }
}

describe('licence gate', () => {
  it('fails on a lock file with an AGPL package and names each package it refuses', async () => {
    const { code, stderr } = await gate('--lock', resolve(FIXTURES, 'agpl-lock/package-lock.json'));
    expect(code).toBe(1);
    const problems = stderr.split('\n').filter((l) => l.startsWith('licence-gate: npm'));
    expect(problems).toEqual([
      'licence-gate: npm planted-agpl-dep@0.9.0: licence AGPL-3.0-or-later is not on the allow-list',
      'licence-gate: npm nested-both@1.0.0: licence (Apache-2.0 AND SSPL-1.0) is not on the allow-list',
      'licence-gate: npm unlicensed-dep@3.0.0: no licence found (lock file, package.json or licence text)',
    ]);
    expect(stderr).toContain(
      '5 npm packages, 0 Go module requirements in 0 go.mod files and tools, 3 problems',
    );
  });

  it('fails on a Go module that requires an LGPL module', async () => {
    const { code, stderr } = await gate('--go-mod', resolve(FIXTURES, 'lgpl-go'));
    expect(code).toBe(1);
    expect(stderr).toContain(
      'licence-gate: go github.com/juju/errors@v1.0.0 (required by scripts/test/fixtures/lgpl-go/go.mod): licence LGPL is not on the allow-list',
    );
    expect(stderr).not.toContain('github.com/google/uuid');
    expect(stderr).toContain('2 Go module requirements in 1 go.mod files and tools, 1 problems');
  }, 120_000);

  it('passes on the repository: every npm package and Go module has an allowed licence', async () => {
    const { code, stderr } = await gate();
    expect(stderr).toMatch(
      /licence-gate: [1-9][0-9]{2,} npm packages, [1-9][0-9]{2,} Go module requirements/,
    );
    expect(stderr).toContain(', 0 problems');
    expect(code).toBe(0);
  });

  it('reads SPDX expressions and licence texts', () => {
    expect(spdxAllowed('MIT')).toBe(true);
    expect(spdxAllowed('(MIT OR GPL-3.0-only)')).toBe(true);
    expect(spdxAllowed('(MIT AND Zlib)')).toBe(true);
    expect(spdxAllowed('MIT AND GPL-2.0-only')).toBe(false);
    expect(spdxAllowed('BUSL-1.1')).toBe(false);
    expect(spdxAllowed('SEE LICENSE IN LICENSE.txt')).toBe(false);
    expect(licenceOfText('GNU AFFERO GENERAL PUBLIC LICENSE\nVersion 3, 19 November 2007')).toBe('AGPL');
    expect(licenceOfText('Server Side Public License\nVERSION 1, OCTOBER 16, 2018')).toBe('SSPL');
    // MPL-2.0 names the GPL in its text: the title, found first, decides.
    expect(licenceOfText('Mozilla Public License Version 2.0\n... GNU General Public License ...')).toBe(
      'MPL-2.0',
    );
    expect(
      licenceOfText('The MIT License\n\nPermission is hereby granted, free of charge, to any person'),
    ).toBe('MIT');
    expect(licenceOfText('All rights reserved.')).toBeUndefined();
  });
});
