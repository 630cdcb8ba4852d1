#!/usr/bin/env node
// The licence gate: every npm package of package-lock.json and every Go module required by every
// go.mod of the repository (tools modules included, the generated otelcol-secotel module and the
// collector builder binary when they have been built) must carry a licence on the allow-list below. Anything else (AGPL, GPL, LGPL,
// SSPL, BUSL, an unknown licence, no licence at all) fails, naming the package.
//
//   node scripts/licence-gate.mjs                      the repository (what `npm test` runs)
//   node scripts/licence-gate.mjs --lock FILE          one npm lock file only
//   node scripts/licence-gate.mjs --go-mod DIR ...     these Go modules only
//
// npm: the lock file's `license` field (an SPDX expression); for the few packages without one, the
// installed package.json's legacy `licenses` list, then its licence text. Go: the module's licence
// file in the module cache, recognised by its text (Go modules declare no licence field).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUILDER = join(REPO, 'otel-collector/.build/bin/builder');

/** SPDX identifiers this Apache-2.0 project may depend on. */
export const ALLOWED = new Set([
  'Apache-2.0',
  'MIT',
  'MIT-0',
  'ISC',
  'BSD-2-Clause',
  'BSD-3-Clause',
  '0BSD',
  'BlueOak-1.0.0',
  'CC0-1.0',
  'Unlicense',
  'Zlib',
  'MPL-2.0', // file-level copyleft only: using an unmodified MPL library is permitted in Apache-2.0 projects
]);

// Licence texts, recognised by a phrase each; the phrase found earliest in a text names its licence
// (a licence's title comes first, and MPL-2.0's text mentions the GPL further down).
const TEXTS = [
  [/GNU AFFERO GENERAL PUBLIC LICENSE/i, 'AGPL'],
  [/GNU (LESSER|LIBRARY) GENERAL PUBLIC LICENSE/i, 'LGPL'],
  [/GNU GENERAL PUBLIC LICENSE/i, 'GPL'],
  [/Server Side Public License/i, 'SSPL'],
  [/Business Source License/i, 'BUSL'],
  [/Apache License,?\s+Version 2\.0/i, 'Apache-2.0'],
  [/Permission is hereby granted, free of charge/i, 'MIT'],
  [/Redistribution and use in source and binary forms[\s\S]*Neither the name/i, 'BSD-3-Clause'],
  [/Redistribution and use in source and binary forms/i, 'BSD-2-Clause'],
  [/Permission to use, copy, modify, and(\/or)? distribute this software for any\s+purpose/i, 'ISC'],
  [/Mozilla Public License,? (v\.|version) 2\.0/i, 'MPL-2.0'],
  [/free and unencumbered software released into the public domain/i, 'Unlicense'],
  [/CC0 1\.0 Universal/i, 'CC0-1.0'],
  [/Blue Oak Model License/i, 'BlueOak-1.0.0'],
];

/** The licence a text states, by the phrase found earliest; undefined when none is found. */
export function licenceOfText(text) {
  let best;
  for (const [re, id] of TEXTS) {
    const at = text.search(re);
    if (at >= 0 && (best === undefined || at < best.at)) best = { at, id };
  }
  return best?.id;
}

/** Whether an SPDX expression is allowed: OR needs one allowed side, AND needs both. */
export function spdxAllowed(expression) {
  const tokens = expression.replace(/[()]/g, ' $& ').trim().split(/\s+/);
  let i = 0;
  const primary = () => {
    const t = tokens[i++];
    if (t === '(') {
      const v = or();
      i++; // ')'
      return v;
    }
    return ALLOWED.has(String(t).replace(/\+$/, ''));
  };
  const and = () => {
    let v = primary();
    while (tokens[i] === 'AND') {
      i++;
      v = primary() && v;
    }
    return v;
  };
  const or = () => {
    let v = and();
    while (tokens[i] === 'OR') {
      i++;
      v = and() || v;
    }
    return v;
  };
  return or() && i === tokens.length;
}

const LICENCE_FILE = /^(licen[cs]e|copying|unlicense)(\.(md|txt|markdown|rst))?$|^readme(\.md)?$/i;

/** The licence stated by the licence files (then the README) of a directory. */
function licenceOfDir(dir) {
  if (!existsSync(dir)) return undefined;
  const files = readdirSync(dir)
    .filter((f) => LICENCE_FILE.test(f))
    .sort((a, b) => Number(/^readme/i.test(a)) - Number(/^readme/i.test(b)));
  for (const f of files) {
    const id = licenceOfText(readFileSync(join(dir, f), 'utf8'));
    if (id) return id;
  }
  return undefined;
}

/** Problems of the npm packages of a lock file (lockfileVersion 2 or 3). */
export function checkNpmLock(lockFile) {
  const lock = JSON.parse(readFileSync(lockFile, 'utf8'));
  const root = dirname(lockFile);
  const problems = [];
  let checked = 0;
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    if (path === '' || entry.link || !path.includes('node_modules/')) continue; // the project and its workspaces
    checked++;
    const name = `${path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)}@${entry.version}`;
    let licence = entry.license;
    if (!licence) {
      const installed = join(root, path);
      const manifest = existsSync(join(installed, 'package.json'))
        ? JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'))
        : {};
      const legacy = Array.isArray(manifest.licenses)
        ? manifest.licenses.map((l) => l.type ?? l).join(' OR ')
        : '';
      licence = legacy || licenceOfDir(installed);
    }
    if (!licence) problems.push(`npm ${name}: no licence found (lock file, package.json or licence text)`);
    else if (!spdxAllowed(licence)) problems.push(`npm ${name}: licence ${licence} is not on the allow-list`);
  }
  return { problems, checked };
}

const go = (args, cwd) =>
  execFileSync('go', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod' },
    maxBuffer: 64 << 20,
  });

/** Parses the concatenated JSON objects `go list -m -json` and `go mod download -json` print. */
function jsonStream(text) {
  return JSON.parse(`[${text.replace(/\}\s*\{/g, '},{')}]`);
}

/** The modules a go.mod requires (direct and indirect), as path@version. */
function goModRequirements(moduleDir) {
  const mod = JSON.parse(go(['mod', 'edit', '-json'], moduleDir));
  // A requirement replaced by a directory is one of this repository's own modules (checked as its
  // own go.mod); one replaced by another module version is checked as that version.
  const replaced = new Map((mod.Replace ?? []).map((r) => [r.Old.Path, r.New]));
  return (mod.Require ?? []).flatMap((r) => {
    const to = replaced.get(r.Path);
    if (!to) return [`${r.Path}@${r.Version}`];
    return to.Version ? [`${to.Path}@${to.Version}`] : [];
  });
}

/** The modules linked into a Go binary (`go version -m`), as path@version. */
function binaryRequirements(file) {
  return go(['version', '-m', file], REPO)
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([kind, , version]) => kind === 'dep' && version?.startsWith('v'))
    .map(([, path, version]) => `${path}@${version}`);
}

/** Problems of Go modules given as path@version; origin says who requires them. */
function checkGoRequirements(wanted, origin) {
  const problems = [];
  if (wanted.length === 0) return { problems, checked: 0 };
  // The module cache holds them once the repository has been built or tested; `go mod download`
  // fetches the rest through the module proxy.
  let downloaded;
  try {
    downloaded = go(['mod', 'download', '-json', ...wanted], REPO);
  } catch (error) {
    downloaded = error.stdout ?? ''; // exit 1 when a module failed; its object says why
  }
  const modules = jsonStream(downloaded);
  for (const m of modules) {
    const name = `go ${m.Path}@${m.Version} (required by ${origin})`;
    const licence = m.Error ? undefined : licenceOfDir(m.Dir);
    if (m.Error) problems.push(`${name}: cannot be downloaded to read its licence: ${m.Error}`);
    else if (!licence) problems.push(`${name}: no licence file found`);
    else if (!spdxAllowed(licence)) problems.push(`${name}: licence ${licence} is not on the allow-list`);
  }
  return { problems, checked: modules.length };
}

/** The repository's go.mod directories: committed ones and the generated collector distribution. */
function repoGoModules() {
  const tracked = execFileSync('git', ['ls-files', '*go.mod', '**/go.mod'], { cwd: REPO, encoding: 'utf8' })
    .split('\n')
    .filter((f) => f && !f.includes('/fixtures/')) // test fixtures plant forbidden licences on purpose
    .map((f) => join(REPO, dirname(f)));
  const distribution = join(REPO, 'otel-collector/.build/otelcol-secotel');
  return existsSync(join(distribution, 'go.mod')) ? [...tracked, distribution] : tracked;
}

function main(argv) {
  const lockIndex = argv.indexOf('--lock');
  const goIndex = argv.indexOf('--go-mod');
  const locks =
    lockIndex >= 0 ? [argv[lockIndex + 1]] : goIndex >= 0 ? [] : [join(REPO, 'package-lock.json')];
  const goDirs =
    goIndex >= 0
      ? argv.slice(goIndex + 1).filter((a) => !a.startsWith('--'))
      : lockIndex >= 0
        ? []
        : repoGoModules();
  const problems = [];
  let npmCount = 0;
  let goCount = 0;
  for (const lock of locks) {
    const r = checkNpmLock(resolve(lock));
    problems.push(...r.problems);
    npmCount += r.checked;
  }
  const goSources = goDirs.map((dir) => [
    goModRequirements(resolve(dir)),
    `${relative(REPO, resolve(dir))}/go.mod`,
  ]);
  // The collector builder (OCB) that build-collector.sh installs is a tool the repository runs too.
  if (goIndex < 0 && lockIndex < 0 && existsSync(BUILDER))
    goSources.push([binaryRequirements(BUILDER), relative(REPO, BUILDER)]);
  for (const [wanted, origin] of goSources) {
    const r = checkGoRequirements(wanted, origin);
    problems.push(...r.problems);
    goCount += r.checked;
  }
  for (const p of problems) console.error(`licence-gate: ${p}`);
  console.error(
    `licence-gate: ${npmCount} npm packages, ${goCount} Go module requirements in ${goSources.length} go.mod files and tools, ${problems.length} problems`,
  );
  return problems.length === 0 ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
