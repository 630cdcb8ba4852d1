// The published-package path: every public package is packed with `npm pack`, the tarballs are
// installed into a scratch app outside the monorepo (no workspace links: the @secotel packages come
// from the tarballs, everything else from the registry), and an express app registered with
// `--import` and with `--require` delivers its records to a real OTLP receiver. The packages'
// metadata is checked with publint and @arethetypeswrong/cli.
import { execFile } from 'node:child_process';
import { cpSync, lstatSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtlpSink, type ReceivedRecord } from '../../../test-support/otlp-sink';
import { NODE_BINARY, REPO_ROOT } from '../../../test-support/paths';
import { runNode } from '../../../test-support/run-node';

const run = promisify(execFile);
const PACKAGES = [
  'semconv',
  'sdk',
  'instrumentation-http',
  'instrumentation-auth',
  'instrumentation-db',
  'node',
];
const BIN = resolve(REPO_ROOT, 'node_modules/.bin');
const INSTALL_TIMEOUT = 5 * 60_000;

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const expressVersion: string = readJson(resolve(REPO_ROOT, 'examples/shop/package.json')).dependencies
  .express;

let work: string;
let app: string;
const tarballs = new Map<string, string>(); // package name -> tarball path

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'secotel-published-'));
  for (const dir of PACKAGES) {
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], {
      cwd: resolve(REPO_ROOT, 'packages', dir),
      timeout: INSTALL_TIMEOUT,
    });
    const [packed] = JSON.parse(stdout) as { name: string; filename: string }[];
    if (!packed) throw new Error(`npm pack printed nothing for packages/${dir}`);
    tarballs.set(packed.name, join(work, packed.filename));
  }
  app = join(work, 'app');
  cpSync(resolve(__dirname, 'fixtures/published'), app, { recursive: true });
  const file = (name: string) => `file:${tarballs.get(name)}`;
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({
      name: 'secotel-published-scratch',
      private: true,
      dependencies: { '@secotel/node': file('@secotel/node'), express: expressVersion },
      // @secotel/node's own @secotel dependencies are not in the registry: take them from the tarballs.
      overrides: Object.fromEntries(
        [...tarballs.keys()].filter((n) => n !== '@secotel/node').map((n) => [n, file(n)]),
      ),
    }),
  );
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: app,
    timeout: INSTALL_TIMEOUT,
  });
}, INSTALL_TIMEOUT * 2);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm pack', () => {
  it('packs every public package with its build, types, README and licence, and nothing else', async () => {
    expect([...tarballs.keys()].sort()).toEqual(PACKAGES.map((p) => `@secotel/${p}`).sort());
    for (const tarball of tarballs.values()) {
      const { stdout } = await run('tar', ['tzf', tarball]);
      const files = stdout.trim().split('\n');
      expect(files).toContain('package/LICENSE');
      expect(files).toContain('package/README.md');
      expect(files).toContain('package/dist/index.js');
      expect(files).toContain('package/dist/index.d.ts');
      expect(files.filter((f) => !/^package\/(dist\/|LICENSE$|README\.md$|package\.json$)/.test(f))).toEqual(
        [],
      );
    }
  });

  it.each(PACKAGES)('packages/%s passes publint', async (dir) => {
    const { stdout } = await run(
      NODE_BINARY,
      [join(BIN, 'publint'), '--strict', resolve(REPO_ROOT, 'packages', dir)],
      {
        timeout: 120_000,
      },
    );
    expect(stdout).toContain('All good!');
  });

  // Profile node16: the packages need Node >= 22.15, which resolves through `exports`; the node10
  // resolution (no `exports`) cannot reach @secotel/node/register and is no target.
  it.each(PACKAGES)('@secotel/%s passes @arethetypeswrong/cli', async (name) => {
    const tarball = tarballs.get(`@secotel/${name}`) as string;
    const { stdout } = await run(
      NODE_BINARY,
      [join(BIN, 'attw'), '--profile', 'node16', '--format', 'json', tarball],
      {
        timeout: 120_000,
      },
    );
    const report = JSON.parse(stdout) as { analysis: { problems: { resolutionKind?: string }[] } };
    // The JSON report lists every resolution; the profile only decides the exit code.
    expect(report.analysis.problems.filter((p) => p.resolutionKind !== 'node10')).toEqual([]);
  });
});

describe.each([
  { kind: 'ESM', flag: '--import', script: 'app.mjs', done: 'esm app done 403 401' },
  { kind: 'CommonJS', flag: '--require', script: 'app.cjs', done: 'cjs app done 403 401' },
])('the installed packages in a $kind express app ($flag)', (variant) => {
  let sink: OtlpSink;
  let records: ReceivedRecord[];
  let result: Awaited<ReturnType<typeof runNode>>;

  beforeAll(async () => {
    sink = await OtlpSink.start();
    result = await runNode([variant.flag, '@secotel/node/register', variant.script], {
      cwd: app,
      env: { OTEL_SERVICE_NAME: 'published-scratch', OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: sink.logsEndpoint },
    });
    records = await sink.waitForRecords(3);
  });
  afterAll(() => sink.stop());

  it('are real copies outside the monorepo, not workspace links', () => {
    for (const name of tarballs.keys()) {
      const installed = join(app, 'node_modules', name);
      expect(lstatSync(installed).isSymbolicLink(), name).toBe(false);
      expect(realpathSync(installed).startsWith(REPO_ROOT), name).toBe(false);
    }
  });

  it('runs the app as usual and delivers its records', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(variant.done);
    expect(records.map((r) => r.eventName).sort()).toEqual([
      'security.authn_login_fail',
      'security.authz_fail',
      'security.request_unauthorized',
    ]);
    expect(records.every((r) => r.resource['service.name'] === 'published-scratch')).toBe(true);
    const refusal = records.find((r) => r.eventName === 'security.authz_fail');
    expect(refusal?.attributes).toMatchObject({ 'http.route': '/admin', 'client.address': '127.0.0.1' });
  });
});
