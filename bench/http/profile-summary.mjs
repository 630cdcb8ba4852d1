// Where the request path's time goes, from the V8 CPU profiles `BENCH_PROFILE=<dir> node bench/http/run.mjs`
// writes (one folder per variant, with the number of requests its servers answered): `node
// bench/http/profile-summary.mjs <dir>` prints, in microseconds per request, each variant's time by layer and
// secotel's own time by function. See PROFILE.md.
//
// A sample belongs to the innermost frame of the application's or a library's code on its stack (node's own
// modules, regular expressions and native code are charged to the JavaScript that called them), so that code
// secotel merely wraps (express's handlers, node's listeners run through secotel's emit) stays with its owner:
// node's event dispatch (events.emit) ends the walk. diagnostics_channel's publish is secotel's: node publishes
// only to subscribers.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (dir === undefined)
  throw new Error('usage: node bench/http/profile-summary.mjs <BENCH_PROFILE directory>');

const LAYERS = [
  ['secotel', (url) => /\/packages\/[^/]+\/dist\//.test(url) || url.includes('@secotel/')],
  ['OpenTelemetry (log records, OTLP encoding)', (url) => url.includes('@opentelemetry/')],
  ['express and the modules it uses', (url) => url.includes('/node_modules/')],
  ['the application', (url) => url.startsWith('file://') || url.startsWith('/')],
];
const add = (map, key, us) => map.set(key, (map.get(key) ?? 0) + us);
const SPECIAL = new Set(['(idle)', '(garbage collector)', '(program)']);
const NOT_BUSY = new Set(['(idle)', 'start-up and exit (not per request)']);

/** The time of a variant's profiles (one per server it started), by layer and by secotel function. */
function summarize(files) {
  const layers = new Map();
  const secotelFunctions = new Map();
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8'));
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const parentOf = new Map();
    for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node);
    for (const [i, id] of profile.samples.entries()) {
      const us = profile.timeDeltas[i] ?? 0;
      add(layers, layerOf(byId.get(id), parentOf, secotelFunctions, us), us);
    }
  }
  return { layers, secotelFunctions };
}

/** The layer a sample of `us` microseconds with this leaf belongs to; secotel's are added up by function too. */
function layerOf(leaf, parentOf, secotelFunctions, us) {
  const special = leaf.callFrame.functionName;
  if (SPECIAL.has(special)) return special;
  if (outsideRequests(leaf, parentOf)) return 'start-up and exit (not per request)';
  for (let node = leaf; node !== undefined; node = parentOf.get(node.id)) {
    const { url, functionName } = node.callFrame;
    if (url === 'node:diagnostics_channel') {
      add(secotelFunctions, 'diagnostics_channel publish (node, to secotel)', us);
      return 'secotel instrumentation-http';
    }
    if (url === 'node:events' && functionName === 'emit') break;
    const layer = LAYERS.find(([, owns]) => owns(url));
    if (layer === undefined) continue;
    if (layer[0] !== 'secotel') return layer[0];
    const file = url.replace(/.*\/packages\//, '');
    add(secotelFunctions, `${functionName || '(anonymous)'} ${file}`, us);
    // By package: the HTTP layer's hooks apart from the SDK's emit path (record, redaction, export).
    return `secotel ${file.slice(0, file.indexOf('/'))}`;
  }
  return 'node (http, net, streams, timers)';
}

/** Module loading at start-up, and secotel's last export at exit (exit-flush), are no request's cost. */
function outsideRequests(leaf, parentOf) {
  for (let node = leaf; node !== undefined; node = parentOf.get(node.id)) {
    const { url } = node.callFrame;
    if (url.startsWith('node:internal/modules/') || url.endsWith('/exit-flush.js')) return true;
  }
  return false;
}

const perRequest = (us, requests) => (us / requests).toFixed(2);
const variants = readdirSync(dir).filter((name) => readdirSync(join(dir, name)).length > 0);
const results = variants.map((name) => {
  const files = readdirSync(join(dir, name)).filter((f) => f.endsWith('.cpuprofile'));
  const requests = Number(readFileSync(join(dir, name, 'requests'), 'utf8'));
  return [name, { ...summarize(files.map((file) => join(dir, name, file))), requests }];
});
const layerNames = [
  ...new Set(results.flatMap(([, r]) => [...r.layers.keys()]).filter((l) => !NOT_BUSY.has(l))),
].sort();
console.log(`| layer (µs per request) | ${variants.join(' | ')} |`);
console.log(`| --- | ${variants.map(() => '---:').join(' | ')} |`);
for (const layer of layerNames) {
  console.log(
    `| ${layer} | ${results.map(([, r]) => perRequest(r.layers.get(layer) ?? 0, r.requests)).join(' | ')} |`,
  );
}
const busy = (r) => [...r.layers].filter(([l]) => !NOT_BUSY.has(l)).reduce((sum, [, us]) => sum + us, 0);
console.log(
  `| all of the requests' | ${results.map(([, r]) => perRequest(busy(r), r.requests)).join(' | ')} |`,
);
for (const [name, r] of results) {
  if (r.secotelFunctions.size === 0) continue;
  console.log(`\n${name}: secotel's own time by function\n\n| function | µs per request |\n| --- | ---: |`);
  for (const [fn, us] of [...r.secotelFunctions].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
    console.log(`| ${fn} | ${perRequest(us, r.requests)} |`);
  }
}
