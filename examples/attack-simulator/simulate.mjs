// The attack simulator: plays ordinary shop visitors alongside a brute force, credential stuffing, password
// spraying, SQL injection probes (as sqlmap), path traversal, a 404 scan and forged tokens, then prints what each
// did. Loopback only: it refuses any other target.
//
//   node examples/attack-simulator/simulate.mjs [--target http://127.0.0.1:3000] [--seed 7] [--json FILE]
//
// The shop must trust loopback proxies (SECOTEL_TRUST_PROXY=loopback, its default TRUST_PROXY), since each
// simulated visitor's address travels in X-Forwarded-For.
import { writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Client, closeConnections } from './client.mjs';
import { Progress } from './progress.mjs';
import { buildScenarios } from './scenarios.mjs';

/** A scenario stops after this many requests without an answer (the shop is gone). */
const MAX_FAILURES = 3;

/** mulberry32: a small seeded generator, so that two runs with the same seed send the same requests. */
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Refuses anything but a loopback http URL: the simulator attacks only the local demo shop. */
export function loopbackTarget(target) {
  const url = new URL(target);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopback = host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
  if (url.protocol !== 'http:' || !loopback)
    throw new Error(`--target must be an http URL on loopback, e.g. http://127.0.0.1:3000; got ${target}`);
  return url.origin;
}

async function runScenario(scenario, target, random, progress) {
  await sleep(scenario.startAfterMs);
  const client = new Client(target, { address: scenario.address, userAgent: scenario.userAgent });
  const state = {};
  const errors = [];
  for (const step of scenario.steps) {
    if (client.failures >= MAX_FAILURES) {
      progress.tick(scenario.name);
      continue;
    }
    let outcome;
    try {
      outcome = await step(client, state);
    } catch (error) {
      errors.push(error.message);
    }
    progress.tick(scenario.name);
    if (outcome === 'skip') continue;
    const [min, max] = scenario.pauseMs;
    await sleep(min + random() * (max - min));
  }
  return { scenario, client, state, errors };
}

/**
 * Runs every scenario at once (each one's steps in order) and returns one row per scenario group.
 * @param {{ target: string, seed?: number, progressStream?: NodeJS.WriteStream }} options
 */
export async function simulate({ target, seed = 7, progressStream = process.stdout }) {
  const origin = loopbackTarget(target);
  const random = seeded(seed);
  const scenarios = buildScenarios(random);
  const total = scenarios.reduce((sum, s) => sum + s.steps.length, 0);
  const progress = new Progress(progressStream, total);
  progress.draw();
  const started = Date.now();
  try {
    const runs = await Promise.all(scenarios.map((s) => runScenario(s, origin, random, progress)));
    progress.finish();
    return { rows: summarize(runs), seconds: (Date.now() - started) / 1000 };
  } finally {
    closeConnections();
  }
}

/** Folds the runs of one group (the eight customers) into one row. */
function summarize(runs) {
  const groups = new Map();
  for (const run of runs) {
    const rows = groups.get(run.scenario.group) ?? [];
    rows.push(run);
    groups.set(run.scenario.group, rows);
  }
  return [...groups].map(([group, members]) => {
    const statuses = new Map();
    for (const { client } of members)
      for (const [status, n] of client.statuses) statuses.set(status, (statuses.get(status) ?? 0) + n);
    const results = new Map();
    for (const run of members) {
      const line = run.scenario.result(run.state);
      results.set(line, (results.get(line) ?? 0) + 1);
    }
    const addresses = members.map((m) => m.scenario.address);
    return {
      scenario: members.length > 1 ? `${group} (${members.length})` : group,
      kind: members[0].scenario.kind,
      source: addressRange(addresses),
      requests: members.reduce((sum, m) => sum + m.client.sent, 0),
      answers: [...statuses]
        .sort(([a], [b]) => a - b)
        .map(([status, n]) => `${status}×${n}`)
        .join(' '),
      failed: members.reduce((sum, m) => sum + m.client.failures, 0),
      errors: members.flatMap((m) => m.errors),
      result: [...results].map(([line, n]) => (n > 1 ? `${n}× ${line}` : line)).join('; '),
      expect: members[0].scenario.expect,
    };
  });
}

function addressRange(addresses) {
  if (addresses.length === 1) return addresses[0];
  const last = addresses.map((a) => Number(a.split('.').pop()));
  const prefix = addresses[0].split('.').slice(0, 3).join('.');
  return `${prefix}.${Math.min(...last)}-${Math.max(...last)}`;
}

/** A plain text table. */
export function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells
      .map((c, i) => String(c).padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function formatSummary({ rows, seconds }) {
  const requests = rows.reduce((sum, r) => sum + r.requests, 0);
  const lines = [
    `attack simulator: ${requests} requests in ${seconds.toFixed(1)} s`,
    '',
    table(
      ['scenario', 'source', 'requests', 'answers', 'result'],
      rows.map((r) => [r.scenario, r.source, r.requests, r.answers, r.result]),
    ),
  ];
  const failed = rows.filter((r) => r.failed > 0 || r.errors.length > 0);
  for (const r of failed)
    lines.push(
      `  ${r.scenario}: ${r.failed} requests got no answer${r.errors.length ? `: ${r.errors[0]}` : ''}`,
    );
  return lines.join('\n');
}

async function main() {
  const { values } = parseArgs({
    options: {
      target: { type: 'string', default: process.env.SHOP_URL ?? 'http://127.0.0.1:3000' },
      seed: { type: 'string', default: '7' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('usage: simulate.mjs [--target http://127.0.0.1:3000] [--seed 7] [--json FILE]');
    return;
  }
  const seed = Number(values.seed);
  if (!Number.isInteger(seed))
    throw new Error(`--seed must be an integer, e.g. --seed 7; got ${values.seed}`);
  const target = loopbackTarget(values.target);
  const health = await fetch(`${target}/healthz`).catch((error) => error);
  if (!(health instanceof Response) || !health.ok)
    throw new Error(`the shop does not answer at ${target} (start it with: npm start -w examples/shop)`);

  const summary = await simulate({ target, seed });
  console.log(formatSummary(summary));
  if (values.json) await writeFile(values.json, `${JSON.stringify(summary, null, 2)}\n`);
  if (summary.rows.some((r) => r.failed > 0 || r.errors.length > 0)) process.exitCode = 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`attack simulator: ${error.message}`);
    process.exitCode = 1;
  });
}
