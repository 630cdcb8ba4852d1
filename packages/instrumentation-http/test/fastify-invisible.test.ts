// secotel must not change what a fastify application sees of itself: fastify's own suite counts
// hooks and prints routes and plugins. The fixture prints its routes with their hooks, its plugin
// tree and the hook counts of the root and of an encapsulated plugin; the output must be the same
// with and without secotel registered (--import and --require).
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNode } from '../../../test-support/run-node';

const fixtures = resolve(__dirname, 'fixtures');
const introspect = (...flags: string[]) =>
  runNode([...flags, 'fastify-introspection.mjs'], { cwd: fixtures, env: { OTEL_LOGS_EXPORTER: 'none' } });

describe('fastify with secotel', () => {
  it.each([['--import'], ['--require']])('shows no hook, route or plugin of its own (%s)', async (flag) => {
    const bare = await introspect();
    const instrumented = await introspect(flag, '@secotel/node/register');
    expect(bare.code).toBe(0);
    expect(instrumented.stderr).toBe('');
    expect(JSON.parse(bare.stdout).pluginHooks.preHandler).toBe(1);
    expect(instrumented.stdout).toBe(bare.stdout);
  });
});
