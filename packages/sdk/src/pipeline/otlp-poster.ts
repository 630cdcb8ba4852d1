import type { Worker } from 'node:worker_threads';
import type { SecotelConfig } from '../config/config';

/** What one POST came to. */
export type PostOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly retryable: boolean; readonly retryInMs?: number; readonly error: Error };

/** What the poster thread is started with: the request's target and its fixed headers. */
interface PosterTarget {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly tls: SecotelConfig['otlp']['tls'];
}

/**
 * Posts OTLP requests from a worker thread of secotel's own. node's HTTP client shares its JavaScript
 * (OutgoingMessage, IncomingMessage, the parser's callbacks) with the application's HTTP server: used in the
 * application's thread it makes V8 optimize that code for both, and every request the server answers costs more
 * (3 to 7 % of an Express request, bench/http/PROFILE.md). A worker has a V8 isolate of its own. It is started on
 * the first post and never keeps the process alive (neither did the client's sockets before): what is in flight
 * when the application's work ends is the exit flush's to send (exit-flush.ts).
 */
export class OtlpPoster {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, (outcome: PostOutcome) => void>();
  private nextId = 0;

  constructor(private readonly target: PosterTarget) {}

  /**
   * One POST of `body`, abandoned at `deadline` (epoch milliseconds); `settle` is called exactly once, after which
   * the thread no longer reads `body` (unless it was stopped: see stop).
   */
  post(body: Uint8Array, deadline: number, settle: (outcome: PostOutcome) => void): void {
    let worker: Worker;
    try {
      worker = this.worker ?? this.start();
    } catch (error) {
      settle({ ok: false, retryable: false, error: error as Error });
      return;
    }
    const id = this.nextId++;
    this.waiting.set(id, settle);
    // Shared memory goes as it is (the caller leaves it unchanged until `settle`); any other body as a copy,
    // handed over without a second one: the caller keeps `body` to send it again.
    if (body.buffer instanceof SharedArrayBuffer) {
      worker.postMessage({ id, body, deadline });
      return;
    }
    const copy = new Uint8Array(body);
    worker.postMessage({ id, body: copy, deadline }, [copy.buffer]);
  }

  /** Stops the thread, without waiting for it to end; posts still waiting fail. */
  stop(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    this.failWaiting(new Error('exporter shut down'), false);
  }

  private start(): Worker {
    const { Worker: WorkerThread } = require('node:worker_threads') as typeof import('node:worker_threads');
    const worker = new WorkerThread(`(${posterThread.toString()})()`, {
      eval: true,
      workerData: this.target,
      // Not the application's --import/--require (secotel's own register among them): the thread only posts.
      execArgv: [],
      name: 'secotel-otlp-poster',
    });
    worker.on('message', ({ id, outcome }: { id: number; outcome: PostOutcome }) => {
      const settle = this.waiting.get(id);
      this.waiting.delete(id);
      settle?.(outcome);
    });
    // A thread that died (out of memory, terminated) fails what it held; the next post starts another.
    const lost = (error: Error): void => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.failWaiting(error, true);
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the OTLP poster thread stopped (exit code ${code})`)));
    // After the listeners: adding a 'message' listener refs the thread again.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private failWaiting(error: Error, retryable: boolean): void {
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const settle of waiting) settle({ ok: false, retryable, error });
  }
}

/**
 * The poster thread's whole program. It runs from its source text (an eval'd worker, so that the same code runs
 * from the build and from the sources under test), so it uses nothing from outside its own body.
 */
function posterThread(): void {
  const { parentPort, workerData } = require('node:worker_threads');
  const { url, headers, tls } = workerData;
  const https = url.startsWith('https:');
  const client = require(https ? 'node:https' : 'node:http');
  const agent = new client.Agent({ keepAlive: true, maxSockets: 4, ...(https ? tls : {}) });
  // OTLP/HTTP: these answers mean "try again later" (https://opentelemetry.io/docs/specs/otlp/#failures-1).
  const retryableStatus = new Set([429, 502, 503, 504]);

  parentPort.on('message', ({ id, body, deadline }: { id: number; body: Uint8Array; deadline: number }) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (outcome: unknown): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      parentPort.postMessage({ id, outcome });
    };
    let request: import('node:http').ClientRequest;
    try {
      request = client.request(
        url,
        { method: 'POST', agent, headers: { ...headers, 'content-length': body.byteLength } },
        (response: import('node:http').IncomingMessage) => {
          response.resume();
          response.on('end', () => finish(outcomeOf(response)));
          response.on('error', (error: Error) => finish({ ok: false, retryable: true, error }));
        },
      );
    } catch (error) {
      finish({ ok: false, retryable: false, error });
      return;
    }
    timer = setTimeout(
      () => {
        request.destroy();
        finish({ ok: false, retryable: false, error: new Error('OTLP export timed out') });
      },
      Math.max(1, deadline - Date.now()),
    );
    request.on('error', (error: Error) => finish({ ok: false, retryable: true, error }));
    request.end(body);
  });

  function outcomeOf(response: import('node:http').IncomingMessage): unknown {
    const status = response.statusCode ?? 0;
    if (status >= 200 && status < 300) return { ok: true };
    const error = new Error(`OTLP export answered HTTP ${status}`);
    // Any other refusal (400, 401, 413...) would only be repeated.
    if (!retryableStatus.has(status)) return { ok: false, retryable: false, error };
    return { ok: false, retryable: true, retryInMs: retryAfterMs(response.headers['retry-after']), error };
  }

  /** Retry-After in seconds or as an HTTP date; undefined (use the backoff) when absent or unreadable. */
  function retryAfterMs(header: string | undefined): number | undefined {
    if (header === undefined) return undefined;
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1_000;
    const date = Date.parse(header);
    return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
  }
}
