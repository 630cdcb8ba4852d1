// The same POSTs as main-thread.mjs, made from a worker thread (client-posts-worker): what they cost when the
// client's code runs in a V8 isolate of its own.
import { Worker } from 'node:worker_threads';

new Worker(new URL('./main-thread.mjs', import.meta.url), { execArgv: [] }).unref();
