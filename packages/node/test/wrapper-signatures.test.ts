// Patched libraries must look the same to code that inspects their functions (passport's own suite
// checks authenticate's arity; express tells error middleware by `length === 4`). Every function
// secotel wraps, found generically by walking every loaded module, keeps the original's length and
// name. The list of expected wrappers keeps the walk honest: it must find at least these.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNode } from '../../../test-support/run-node';

interface Wrapped {
  path: string;
  length: number;
  originalLength: number;
  name: string;
  originalName: string;
}

const EXPECTED = [
  'passport/lib/index.js.Authenticator.prototype.authenticate',
  'passport/lib/index.js.Authenticator.prototype._strategy',
  'express-session/index.js.Session.prototype.save',
  'jsonwebtoken/index.js.sign',
  'jsonwebtoken/index.js.verify',
  'express-jwt/dist/index.js.expressjwt',
  'fast-jwt/src/index.js.createVerifier',
  'require(@fastify/jwt)',
  'require(openid-client).authorizationCodeGrant',
  'require(openid-client).refreshTokenGrant',
  'require(better-auth).betterAuth',
  'koa/lib/application.js.prototype.createContext',
  '@hapi/hapi/lib/request.js.generate',
  '@nestjs/core/guards/guards-consumer.js.GuardsConsumer.prototype.tryActivate',
  'express/index.js.Router.prototype.use',
  'pg/lib/index.js.Client.prototype.query',
  'mysql2/lib/base/connection.js.prototype.query',
  'better-sqlite3/lib/index.js.prototype.prepare',
  'mongodb/lib/cmap/connection.js.Connection.prototype.command',
];

describe('wrapped functions', () => {
  it('keep the length and name of the functions they wrap', async () => {
    const run = await runNode(['--require', '@secotel/node/register', 'wrapped-functions.cjs'], {
      cwd: resolve(__dirname, 'fixtures'),
      env: { OTEL_LOGS_EXPORTER: 'none' },
    });
    // The fixture loads node:sqlite itself, which Node 22 announces as experimental; nothing else may appear.
    expect(
      run.stderr.replace(
        /^\(node:\d+\) ExperimentalWarning: SQLite .*\n(\(Use `node --trace-warnings.*\n)?/m,
        '',
      ),
    ).toBe('');
    const wrapped = JSON.parse(run.stdout) as Wrapped[];
    expect(wrapped.map((w) => w.path)).toEqual(expect.arrayContaining(EXPECTED));
    const differing = wrapped
      .filter((w) => w.length !== w.originalLength || w.name !== w.originalName)
      .map(
        (w) =>
          `${w.path}: length ${w.length} name ${JSON.stringify(w.name)}, was ${w.originalLength} ${JSON.stringify(w.originalName)}`,
      );
    expect(differing).toEqual([]);
  });
});
