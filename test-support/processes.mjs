// Starting, waiting on and stopping child processes: one place for the tests (collectors, app servers, the
// OTLP receiver), the local stack and the demo. Plain Node and its standard library only, so that the stack
// and the demo scripts can use it before anything is installed.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * @typedef {object} StartOptions
 * @property {string} name  how messages name the process, e.g. "the shop" or "otelcol-secotel"
 * @property {string} command
 * @property {readonly string[]} [args]
 * @property {string} [cwd]
 * @property {NodeJS.ProcessEnv} [env]  the whole environment (nothing is inherited beyond it)
 * @property {string} [logFile]  append stdout and stderr to this file instead of piping them to this process
 * @property {'inherit'} [stderr]  let stderr through to this process' own (progress for a person to read)
 * @property {boolean} [group]  lead a process group of its own: signals reach what it starts, and a Ctrl-C in
 *   the terminal reaches this process alone, which can then stop its children in order
 * @property {boolean} [background]  may outlive this process (not killed when it exits); implies `group`
 */

/** @typedef {{ code: number | null, signal: NodeJS.Signals | null }} Exit */

/** A process waited on or stopped with no success: says which process, what it waited for, and its output. */
export class ProcessError extends Error {}

/** The processes started here that still run, oldest first. */
const running = new Set();

// Last resort: whatever way this process ends, its children (but background ones) do not outlive it.
process.on('exit', () => {
  for (const owned of running) if (!owned.background) owned.signal('SIGKILL');
});

const sleep = (/** @type {number} */ millis) => new Promise((done) => setTimeout(done, millis));

/** A child process started by `startProcess`. */
export class OwnedProcess {
  /** @type {Exit | undefined} set once the process has exited */
  exit;
  #stderr = '';
  /** @type {Set<(line: string) => void>} */
  #lineListeners = new Set();

  /** @param {StartOptions} options */
  constructor(options) {
    this.name = options.name;
    this.logFile = options.logFile;
    this.background = options.background === true;
    this.group = options.group === true || this.background;
    const log = options.logFile === undefined ? undefined : openSync(options.logFile, 'a');
    /** @type {import('node:child_process').ChildProcess} */
    this.child = spawn(options.command, options.args ?? [], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', log ?? 'pipe', options.stderr ?? log ?? 'pipe'],
      detached: this.group,
    });
    if (log !== undefined) closeSync(log);
    running.add(this);
    /** @type {Promise<Exit>} resolves once the process is gone, however it ended */
    this.exited = new Promise((done) => {
      // 'close', not 'exit': by then its piped output has been read to the end.
      this.child.once('close', (code, signal) => done({ code, signal }));
      this.child.once('error', (error) => {
        this.#stderr += `${options.name} could not start: ${error.message}\n`;
        done({ code: -1, signal: null });
      });
    }).then((exit) => {
      this.exit = exit;
      running.delete(this);
      return exit;
    });
    if (this.background) this.child.unref();
    this.child.stderr?.on('data', (chunk) => {
      this.#stderr += chunk;
    });
    if (this.child.stdout) {
      createInterface({ input: this.child.stdout }).on('line', (line) => {
        for (const listener of this.#lineListeners) listener(line);
      });
    }
  }

  get pid() {
    return this.child.pid;
  }

  /** Everything the process wrote to stderr (piped output only), and why it could not start. */
  get stderr() {
    return this.#stderr;
  }

  /** Calls `listener` with each line the process writes to stdout from now on (piped output only). */
  onLine(/** @type {(line: string) => void} */ listener) {
    this.#lineListeners.add(listener);
  }

  /** The end of what the process wrote (its log file, or its stderr), for error messages. */
  outputTail(limit = 4_000) {
    let log = '';
    try {
      if (this.logFile !== undefined) log = readFileSync(this.logFile, 'utf8');
    } catch {
      // not written yet
    }
    return (log + this.#stderr).slice(-limit);
  }

  /** Sends `signal` to the process (to its group when it leads one); nothing when it is gone. */
  signal(/** @type {NodeJS.Signals} */ signal) {
    if (this.exit !== undefined || this.child.pid === undefined) return;
    try {
      if (this.group) process.kill(-this.child.pid, signal);
      else this.child.kill(signal);
    } catch {
      this.child.kill(signal); // the group is gone already
    }
  }

  /**
   * Stops the process: SIGTERM, then SIGKILL when it still runs after `graceMillis`. Resolves with how it
   * ended once it is gone; at once when it had ended already (by itself or by a signal).
   * @returns {Promise<Exit>}
   */
  async stop(graceMillis = 15_000) {
    if (this.exit !== undefined) return this.exit;
    this.signal('SIGTERM');
    const timer = setTimeout(() => this.signal('SIGKILL'), graceMillis);
    const exit = await this.exited;
    clearTimeout(timer);
    return exit;
  }

  /** Kills the process with SIGKILL, as a crash would, and resolves once it is gone. */
  kill() {
    this.signal('SIGKILL');
    return this.exited;
  }

  /**
   * Waits for the first stdout line that matches `pattern` (in the log file with `logFile`) and returns its
   * match. Fails when the process exits first or after `timeoutMillis`.
   * @param {RegExp} pattern
   * @param {{ what: string, timeoutMillis?: number }} o  `what` names the line in errors, e.g. 'its "listening" line'
   * @returns {Promise<RegExpMatchArray>}
   */
  waitForLine(pattern, o) {
    if (this.logFile !== undefined) {
      const logFile = this.logFile;
      return this.waitFor(
        o.what,
        o.timeoutMillis,
        () => readFileSync(logFile, 'utf8').match(pattern) ?? false,
      );
    }
    return new Promise((done, fail) => {
      const timeoutMillis = o.timeoutMillis ?? 20_000;
      /** @type {(line: string) => void} */
      const listener = (line) => {
        const match = line.match(pattern);
        if (match !== null) settle(() => done(match));
      };
      const timer = setTimeout(
        () => settle(() => fail(this.#timedOut(o.what, timeoutMillis))),
        timeoutMillis,
      );
      this.exited.then(() => settle(() => fail(this.#exitedBefore(o.what))));
      const settle = (/** @type {() => void} */ end) => {
        if (!this.#lineListeners.delete(listener)) return;
        clearTimeout(timer);
        end();
      };
      this.onLine(listener);
    });
  }

  /** Waits until `url` answers with a 2xx status (e.g. a health check); see `waitFor`. */
  waitForHttp(/** @type {string} */ url, timeoutMillis = 60_000) {
    return this.waitFor(`an answer (2xx) from ${url}`, timeoutMillis, () =>
      fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
        (response) => response.ok,
        () => false,
      ),
    );
  }

  /**
   * Calls `check` until it returns a truthy value, and returns that. Fails when the process exits first or
   * after `timeoutMillis`, with an error naming the process, `what` it waited for and the end of its output.
   * @template T
   * @param {string} what
   * @param {number | undefined} timeoutMillis
   * @param {() => T | false | Promise<T | false>} check
   * @returns {Promise<T>}
   */
  async waitFor(what, timeoutMillis = 60_000, check) {
    const deadline = Date.now() + timeoutMillis;
    for (;;) {
      const value = await check();
      if (value) return value;
      if (this.exit !== undefined) throw this.#exitedBefore(what);
      if (Date.now() >= deadline) throw this.#timedOut(what, timeoutMillis);
      await sleep(100);
    }
  }

  #exitedBefore(/** @type {string} */ what) {
    return new ProcessError(`${this.name} exited before ${what}; ${this.#outputSays()}`);
  }

  #timedOut(/** @type {string} */ what, /** @type {number} */ timeoutMillis) {
    return new ProcessError(
      `${this.name}: gave up waiting for ${what} after ${timeoutMillis / 1000} s; ${this.#outputSays()}`,
    );
  }

  #outputSays() {
    const where = this.logFile === undefined ? 'its stderr' : `its log (${this.logFile})`;
    return `${where} ends with:\n${this.outputTail()}`;
  }
}

/**
 * Starts a child process. It is killed when this process exits unless `background` says otherwise.
 * @param {StartOptions} options
 */
export function startProcess(options) {
  return new OwnedProcess(options);
}

/** Stops every process started here that still runs, the newest first (e.g. the app before its collector). */
export async function stopAll(graceMillis = 15_000) {
  for (const owned of [...running].reverse()) await owned.stop(graceMillis);
}

/** Whether a process with this id exists and runs `binary` (a recycled id is not ours). */
export function pidRuns(/** @type {number} */ pid, /** @type {string} */ binary) {
  try {
    // A zombie's cmdline is empty: it counts as gone.
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] === binary;
  } catch {
    return false;
  }
}

/**
 * Stops a process that is not a child of this one (started by an earlier run in the background) by its id:
 * SIGTERM to its process group, SIGKILL after `graceMillis`; resolves once it is gone.
 * @param {number} pid
 * @param {string} binary  what it must run, so that a recycled id is left alone
 */
export async function stopPid(pid, binary, graceMillis = 15_000) {
  const signal = (/** @type {NodeJS.Signals} */ name) => {
    try {
      process.kill(-pid, name);
    } catch {
      try {
        process.kill(pid, name);
      } catch {
        // already gone
      }
    }
  };
  if (!pidRuns(pid, binary)) return;
  signal('SIGTERM');
  const deadline = Date.now() + graceMillis;
  while (pidRuns(pid, binary) && Date.now() < deadline) await sleep(100);
  if (!pidRuns(pid, binary)) return;
  signal('SIGKILL');
  while (pidRuns(pid, binary) && Date.now() < deadline + 5_000) await sleep(100);
}
