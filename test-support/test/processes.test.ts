import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/free-port.mjs';
import { NODE_BINARY } from '../paths';
import { type OwnedProcess, ProcessError, startProcess, stopAll } from '../processes.mjs';

/** A real Node child running `script`, its output piped (or in `logFile`). */
function node(name: string, script: string, logFile?: string): OwnedProcess {
  return startProcess({ name, command: NODE_BINARY, args: ['-e', script], env: {}, logFile });
}

/** Prints "ready" once its SIGTERM handler is installed, so that a test never signals it too early. */
const IGNORES_SIGTERM = `process.on('SIGTERM', () => console.error('ignoring SIGTERM')); console.log('ready'); setInterval(() => {}, 1000);`;

afterEach(() => stopAll());

describe('stop()', () => {
  it('escalates to SIGKILL after the grace period when the child ignores SIGTERM', async () => {
    const child = node('the stubborn child', IGNORES_SIGTERM);
    await child.waitForLine(/^ready$/, { what: 'its "ready" line' });
    const exit = await child.stop(500);
    expect(exit).toEqual({ code: null, signal: 'SIGKILL' });
    expect(child.stderr).toContain('ignoring SIGTERM'); // it did get the SIGTERM first
  });

  it('returns the way the child ended when it already died by a signal', async () => {
    const child = node('the self-killing child', `process.kill(process.pid, 'SIGSEGV')`);
    await child.exited;
    // The original AppProcess.stop() waited here forever: it checked exitCode only, which a signal leaves null.
    expect(await child.stop()).toEqual({ code: null, signal: 'SIGSEGV' });
  });

  it('stops a child that heeds SIGTERM without escalating', async () => {
    const child = node('the app', `console.log('ready'); setInterval(() => {}, 1000);`);
    await child.waitForLine(/^ready$/, { what: 'its "ready" line' });
    expect(await child.stop(60_000)).toEqual({ code: null, signal: 'SIGTERM' });
  });
});

describe('waiting', () => {
  it('returns the matched line', async () => {
    const child = node(
      'the server',
      `console.log('starting'); console.log('listening 4321'); setInterval(() => {}, 1000);`,
    );
    const match = await child.waitForLine(/^listening (\d+)$/, { what: 'its "listening" line' });
    expect(match[1]).toBe('4321');
  });

  it('for a line times out with an error naming the process, the line and its output', async () => {
    const child = node('the quiet server', `console.error('still booting'); setInterval(() => {}, 1000);`);
    const waiting = child.waitForLine(/^listening/, { what: 'its "listening" line', timeoutMillis: 300 });
    await expect(waiting).rejects.toThrow(ProcessError);
    await expect(waiting).rejects.toThrow(
      /^the quiet server: gave up waiting for its "listening" line after 0.3 s; its stderr ends with:\nstill booting/,
    );
  });

  it('for a line in a log file fails when the process exits first, naming the log', async () => {
    const logFile = join(mkdtempSync(join(tmpdir(), 'processes-test-')), 'shop.log');
    const child = node('the shop', `console.error('cannot open the database'); process.exit(3);`, logFile);
    await expect(child.waitForLine(/listening/, { what: 'its "listening" line' })).rejects.toThrow(
      `the shop exited before its "listening" line; its log (${logFile}) ends with:\ncannot open the database`,
    );
  });

  it('for a port times out with an error naming the process and the address', async () => {
    const port = await freePort(); // nobody listens on it
    const child = node('the collector', `setInterval(() => {}, 1000);`);
    const url = `http://127.0.0.1:${port}/`;
    await expect(child.waitForHttp(url, 500)).rejects.toThrow(
      `the collector: gave up waiting for an answer (2xx) from ${url} after 0.5 s`,
    );
  });

  it('for a port returns once the process answers there', async () => {
    const port = await freePort();
    const child = node(
      'the server',
      `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1'); setInterval(() => {}, 1000);`,
    );
    await child.waitForHttp(`http://127.0.0.1:${port}/`, 60_000);
    expect(child.exit).toBeUndefined();
  });
});

it('stopAll() stops every child still running', async () => {
  const children = [node('first', IGNORES_SIGTERM), node('second', `setInterval(() => {}, 1000);`)];
  await children[0]?.waitForLine(/^ready$/, { what: 'its "ready" line' });
  await Promise.all([stopAll(500), ...children.map((child) => child.exited)]);
  expect(children.map((child) => child.exit?.signal)).toEqual(['SIGKILL', 'SIGTERM']);
});
