// Preloaded (`--require`) before `--require @secotel/node/register` by breakdown.mjs: times every require
// (inclusive milliseconds) and, at exit, prints on stderr one JSON line with the time of each part of the
// register entry.
const Module = require('node:module');

const load = Module._load;
const stack = [{ request: '<root>', parents: [], children: [] }];
Module._load = function timedLoad(request, ...rest) {
  const node = { request, children: [] };
  stack.at(-1).children.push(node);
  stack.push(node);
  const started = performance.now();
  try {
    return load.call(this, request, ...rest);
  } finally {
    node.ms = performance.now() - started;
    stack.pop();
  }
};

/** The first-level requires of the register entry, named by what they are. */
const PARTS = {
  '@opentelemetry/api': 'OpenTelemetry API',
  '@secotel/sdk': 'secotel SDK (config, redaction, pipeline)',
  './instrumentations': 'instrumentations (packages/node/src/instrumentations.ts and what it loads)',
  'import-in-the-middle/register-hooks.mjs': 'ESM loader hook (import-in-the-middle)',
};

process.on('exit', () => {
  const register = stack[0].children.find((node) => node.request === '@secotel/node/register');
  if (register === undefined) return;
  const parts = { 'register entry, total': register.ms };
  let named = 0;
  for (const child of register.children) {
    const part = PARTS[child.request];
    if (part === undefined) continue;
    parts[part] = (parts[part] ?? 0) + child.ms;
    named += child.ms;
  }
  parts['the rest (starting the SDK, enabling instrumentations)'] = register.ms - named;
  process.stderr.write(`${JSON.stringify({ parts })}\n`);
});
