// Sums a V8 CPU profile of the pipeline worker by stage of the pipeline (the innermost stage on the stack wins)
// and prints a Markdown table: `node bench/sdk/profile-summary.mjs <directory of the .cpuprofile>`. See PROFILE.md.
import { readdirSync, readFileSync } from 'node:fs';

const dir = process.argv[2];
const f = readdirSync(dir).find((x) => x.endsWith('.cpuprofile'));
const p = JSON.parse(readFileSync(`${dir}/${f}`));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const dt = {};
for (let i = 0; i < p.samples.length; i++)
  dt[p.samples[i]] = (dt[p.samples[i]] ?? 0) + (p.timeDeltas[i] ?? 0);
// The innermost matching category on the stack wins.
const CATS = [
  [
    'encode (OTLP/protobuf encoder)',
    (_fn, url) => url.includes('otlp-transformer') || /otlp-logs-protobuf|protobuf-writer/.test(url),
  ],
  [
    'HTTP post (node:http, sockets)',
    (fn, url) => /post|sendWithRetries/.test(fn) && url.includes('otlp-http-exporter'),
  ],
  [
    'redaction of the attributes',
    (fn, _url) => fn === 'redactAttributes' || fn === 'redactOwnAttributes' || fn === 'redactEntries',
  ],
  ['redaction of the body', (fn, _url) => fn === 'redactValue'],
  ['body rendering (template, field escaping)', (fn, _url) => fn === 'renderBody' || fn === 'bodyField'],
  ['identity and context attributes', (fn, _url) => fn === 'attributesFor'],
  ["reading the caller's attributes", (fn, _url) => fn === 'readAttributes'],
  [
    'record + span context (SecurityLogger.emit)',
    (fn, url) => fn === 'SecurityLogRecord' || (fn === 'emit' && url.includes('security-logger')),
  ],
  ['rate cap, fan-out, export queue (onEmit)', (fn, _url) => fn === 'onEmit'],
  [
    'event recorder, rest (lookup, required attributes)',
    (fn, url) => fn === 'record' && url.includes('event-recorder'),
  ],
  ['request context (AsyncLocalStorage run, bench harness)', (fn, _url) => fn === 'runWithContext'],
  ['garbage collector', (fn) => fn === '(garbage collector)'],
  ['idle', (fn) => fn === '(idle)'],
];
const sums = new Map();
let all = 0;
for (const [id, us] of Object.entries(dt)) {
  all += us;
  let n = byId.get(Number(id));
  let cat = 'other (module loading, event loop, bench loop)';
  outer: while (n) {
    for (const [name, test] of CATS)
      if (test(n.callFrame.functionName, n.callFrame.url)) {
        cat = name;
        break outer;
      }
    n = byId.get(parent.get(n.id));
  }
  sums.set(cat, (sums.get(cat) ?? 0) + us);
}
for (const [k, v] of [...sums].sort((a, b) => b[1] - a[1]))
  console.log(`| ${k} | ${((100 * v) / all).toFixed(1)} |`);
