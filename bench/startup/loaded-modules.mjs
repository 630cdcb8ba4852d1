// Prints what the process loaded once the application's own imports are done: every CommonJS file, grouped by
// package, the count of Node built-in modules, and the CPU time the process used until then (all its threads), which
// a busy machine disturbs less than wall-clock time.
import { createRequire } from 'node:module';

const which = process.argv[2] ?? 'empty';
if (which === 'express') {
  const { default: express } = await import('express');
  express().get('/', (_req, res) => res.send('ok'));
}
const files = Object.keys(createRequire(import.meta.url).cache);
const packages = {};
for (const file of files) {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)|\/packages\/([^/]+)\//.exec(file);
  const name = match ? (match[1] ?? `@secotel/${match[2]}`) : 'other';
  packages[name] = (packages[name] ?? 0) + 1;
}
const builtins = process.moduleLoadList.filter((entry) => entry.startsWith('NativeModule ')).length;
const { user, system } = process.cpuUsage();
const cpuMillis = (user + system) / 1000;
process.stdout.write(`${JSON.stringify({ files: files.length, builtins, packages, cpuMillis })}\n`);
