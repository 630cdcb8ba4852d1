// Preloaded (`--require`) before `--require @secotel/node/register` by breakdown.mjs: times every require
// (inclusive milliseconds) and the steps register() runs once its modules are loaded (each a function it calls
// through its module's exports, wrapped here), and, at exit, prints on stderr one JSON line with the time of each
// part of the register entry.
const Module = require('node:module');
const { sep } = require('node:path');

/** The steps of register(): the exported function of the built file that runs each, and what to call it. */
const STEPS = [
  ['sdk/dist/sdk.js', 'startSecotel', 'starting the SDK (configuration, pipeline, lifecycle)'],
  [
    'node/dist/lifecycle.js',
    'checkInstrumentations',
    'checking the instrumentations against the installed libraries',
  ],
  ['node/dist/library-versions.js', 'unsupportedVersion', 'of which: version checks of installed libraries'],
  ['node/dist/esm-loader-hook.js', 'registerEsmLoaderHook', 'installing the ESM loader hook'],
  [
    'node/dist/instrumentations.js',
    'createInstrumentations',
    'creating the instrumentations (when started at once)',
  ],
  ['node/dist/lifecycle.js', 'enableEach', 'enabling the instrumentations (when started at once)'],
];
const RECORD_STARTUP = 'of which: recording sys_startup';
const stepMillis = {};
const timed = (label, run) =>
  function timedStep(...args) {
    const started = performance.now();
    try {
      return run.apply(this, args);
    } finally {
      stepMillis[label] = (stepMillis[label] ?? 0) + performance.now() - started;
    }
  };

const load = Module._load;
const stack = [{ request: '<root>', parents: [], children: [] }];
Module._load = function timedLoad(request, ...rest) {
  const node = { request, children: [] };
  stack.at(-1).children.push(node);
  stack.push(node);
  const started = performance.now();
  try {
    const exports = load.call(this, request, ...rest);
    wrapSteps(exports);
    return exports;
  } finally {
    node.ms = performance.now() - started;
    stack.pop();
  }
};

const wrapped = new WeakSet();
function wrapSteps(exports) {
  if (exports === null || typeof exports !== 'object' || wrapped.has(exports)) return;
  for (const [file, name, label] of STEPS) {
    if (typeof exports[name] !== 'function') continue;
    // The name alone could be a re-export (the SDK's index): the step is wrapped where it is defined.
    const module = Object.values(require.cache).find((m) => m.exports === exports);
    if (!module?.filename.endsWith(file.replaceAll('/', sep))) continue;
    wrapped.add(exports);
    const step = timed(label, exports[name]);
    // sys_startup is recorded through the SDK startSecotel returns.
    exports[name] =
      name === 'startSecotel'
        ? function startTimed(...args) {
            const sdk = step.apply(this, args);
            if (sdk !== undefined) sdk.recordStartup = timed(RECORD_STARTUP, sdk.recordStartup);
            return sdk;
          }
        : step;
  }
}

/** The first-level requires of the register entry, named by what they are. */
const PARTS = {
  '@opentelemetry/api': 'loading the OpenTelemetry API',
  '@secotel/sdk': 'loading the secotel SDK (config, pipeline, lifecycle)',
  './instrumentation-names': 'loading the instrumentation outlines (instrumentation-outlines.generated.ts)',
  './first-load': "loading register's own modules (lifecycle, ESM hook, first-load hook)",
  './lifecycle': "loading register's own modules (lifecycle, ESM hook, first-load hook)",
  './esm-loader-hook': "loading register's own modules (lifecycle, ESM hook, first-load hook)",
  './instrumentations': "loading secotel's and OpenTelemetry's instrumentation base (when started at once)",
};

process.on('exit', () => {
  const register = stack[0].children.find((node) => node.request === '@secotel/node/register');
  if (register === undefined) return;
  const parts = { 'register entry, total': register.ms };
  let named = 0;
  // The entry loads the rest of register from ./start (outside Node's own loader thread).
  const children = register.children.flatMap((child) =>
    child.request === './start' ? child.children : [child],
  );
  for (const child of children) {
    const part = PARTS[child.request];
    if (part === undefined) continue;
    parts[part] = (parts[part] ?? 0) + child.ms;
    named += child.ms;
  }
  for (const [, , label] of STEPS) parts[label] = stepMillis[label] ?? 0;
  parts[RECORD_STARTUP] = stepMillis[RECORD_STARTUP] ?? 0;
  const steps = STEPS.filter(([, , label]) => !label.startsWith('of which')).map(([, , label]) => label);
  parts['the rest'] = register.ms - named - steps.reduce((sum, label) => sum + parts[label], 0);
  process.stderr.write(`${JSON.stringify({ parts })}\n`);
});
