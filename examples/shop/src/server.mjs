// Starts the shop: the database (embedded PGlite, or DATABASE_URL), then the HTTP server.
//
//   node --import @secotel/node/register examples/shop/src/server.mjs     # with secotel
//   node examples/shop/src/server.mjs                                     # without: the same shop
//
// Environment: PORT (3000; 0 picks a free port), HOST (127.0.0.1), DATABASE_URL (a PostgreSQL server instead of
// the embedded one), TRUST_PROXY (express's `trust proxy`, default `loopback`, as SECOTEL_TRUST_PROXY should
// be), SESSION_SECRET and JWT_SECRET (random per start when unset), SHOP_CACHE_DIR (where the initialised
// embedded database is kept, examples/shop/.cache).
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.mjs';
import { openDatabase } from './database.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = (name, fallback) => (process.env[name] ? process.env[name] : fallback);
const log = (message) => console.log(`shop: ${message}`);
const redactUrl = (url) => url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');

const port = Number(env('PORT', '3000'));
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`shop: PORT must be a port number (0 to 65535), e.g. PORT=3000; got ${process.env.PORT}`);
  process.exit(2);
}
const host = env('HOST', '127.0.0.1');

const databaseUrl = env('DATABASE_URL');
const database = await openDatabase({
  databaseUrl,
  cacheDir: env('SHOP_CACHE_DIR', join(root, '.cache')),
  log,
}).catch((error) => {
  const where = databaseUrl ? `DATABASE_URL ${redactUrl(databaseUrl)}` : 'the embedded database';
  console.error(`shop: cannot open ${where}: ${error.message}`);
  process.exit(1);
});
const app = createApp({
  pool: database.pool,
  sessionSecret: env('SESSION_SECRET', randomBytes(32).toString('hex')),
  jwtSecret: env('JWT_SECRET', randomBytes(32).toString('hex')),
  filesDir: join(root, 'files'),
  trustProxy: env('TRUST_PROXY', 'loopback'),
});

const server = createServer(app);
server.on('error', async (error) => {
  console.error(`shop: cannot listen on ${host}:${port}: ${error.message}`);
  await database.close().catch(() => {});
  process.exitCode = 1;
});
server.listen(port, host, () => {
  const address = server.address();
  log(`listening on http://${address.address}:${address.port}/ (database: ${database.description})`);
});

// Closes the server and the database and lets the process end by itself, so that secotel (when registered)
// flushes its records on the way out.
let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping`);
  setTimeout(() => {
    console.error('shop: still busy 10 s after the stop signal; exiting');
    process.exit(1);
  }, 10_000).unref();
  server.close();
  server.closeAllConnections();
  await database.close().catch((error) => console.error(`shop: closing the database: ${error.message}`));
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
