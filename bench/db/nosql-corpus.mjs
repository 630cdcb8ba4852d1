// Precision and recall of the NoSQL injection layer on its corpora (packages/instrumentation-db/test/fixtures/
// nosqli-payloads.json and nosqli-benign.json), measured the way the test suite measures them: the injectable
// MongoDB app attacked over real HTTP against FerretDB, per client (mongodb 7 and 6, mongoose 9 and 8).
// Runs that test file (its global setup starts the servers with scripts/db-servers.sh) and has it write the
// table to bench/db/NOSQL-CORPUS.md.
//   npm run build && node_modules/.bin/node bench/db/nosql-corpus.mjs
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const out = resolve(root, 'bench/db/NOSQL-CORPUS.md');
// vitest on this Node (24), not on whatever `node` its bin script would find first.
execFileSync(
  process.execPath,
  [
    resolve(root, 'node_modules/vitest/vitest.mjs'),
    'run',
    'packages/instrumentation-db/test/nosql-injection-corpus.test.ts',
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NOSQL_CORPUS_RESULTS: out } },
);
console.log(readFileSync(out, 'utf8'));
