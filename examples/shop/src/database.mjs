// The shop's PostgreSQL database: a real server when DATABASE_URL is set, otherwise PostgreSQL embedded in this
// process with PGlite, served on a loopback port by pglite-socket. Either way the application talks to it with
// the `pg` driver over the PostgreSQL wire protocol, as it would talk to any server.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';
import { hashPassword } from './passwords.mjs';
import { CARDS, ORDERS, PRODUCTS, USERS } from './seed-data.mjs';

/**
 * Opens the database and seeds it. Returns the pg pool, a description for the start-up line, and close().
 * `cacheDir` keeps an initialised embedded data directory: creating one runs initdb, which takes seconds (tens of
 * seconds on a busy machine); loading the saved copy takes about one.
 */
export async function openDatabase({ databaseUrl, cacheDir, log }) {
  if (databaseUrl) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
    await seed(pool, { fresh: false, log });
    const { host, pathname } = new URL(databaseUrl);
    return {
      pool,
      description: `PostgreSQL at ${host || 'localhost'}${pathname}`,
      close: () => pool.end(),
    };
  }

  const db = await openEmbedded(cacheDir, log);
  // The pool keeps one connection: PGlite is a single session, and pglite-socket multiplexes connections onto
  // it message by message, which would interleave statements of different requests. The server accepts a few
  // more, because pg's pool replaces a connection after a failed statement and the new one may connect before
  // the server has let go of the old one.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
  await server.start();
  const [host, port] = server.getServerConn().split(':');
  const pool = new pg.Pool({ host, port: Number(port), user: 'postgres', database: 'postgres', max: 1 });
  await seed(pool, { fresh: true, log });
  return {
    pool,
    description: `PGlite (embedded PostgreSQL) on ${host}:${port} via pglite-socket`,
    close: async () => {
      await pool.end();
      await server.stop();
      await db.close();
    },
  };
}

async function openEmbedded(cacheDir, log) {
  const template = join(cacheDir, `pglite-${await pgliteVersion()}-datadir.tar`);
  const saved = await readFile(template).catch(() => undefined);
  if (saved !== undefined) return PGlite.create({ loadDataDir: new Blob([saved]) });

  log(`initialising the embedded database (once; later starts reuse ${template})`);
  const db = await PGlite.create();
  const dump = await db.dumpDataDir('none');
  await mkdir(cacheDir, { recursive: true });
  const partial = `${template}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
  await rename(partial, template); // atomic: a concurrent start reads the old file or the whole new one
  return db;
}

async function pgliteVersion() {
  const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'));
  const manifest = JSON.parse(await readFile(join(dirname(entry), '..', 'package.json'), 'utf8'));
  return manifest.version;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS users (
    id serial PRIMARY KEY,
    username text NOT NULL UNIQUE,
    display_name text NOT NULL,
    role text NOT NULL DEFAULT 'customer',
    password_hash text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE IF NOT EXISTS products (
    id serial PRIMARY KEY,
    name text NOT NULL,
    description text NOT NULL,
    price_cents integer NOT NULL
  );
  CREATE TABLE IF NOT EXISTS orders (
    id serial PRIMARY KEY,
    user_id integer NOT NULL REFERENCES users (id),
    product_id integer NOT NULL REFERENCES products (id),
    quantity integer NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE IF NOT EXISTS cards (
    id serial PRIMARY KEY,
    user_id integer NOT NULL REFERENCES users (id),
    holder text NOT NULL,
    brand text NOT NULL,
    pan text NOT NULL,
    expires text NOT NULL
  );
`;

/** Creates the tables and, on an empty database, the seed rows; `fresh` databases are always empty. */
async function seed(pool, { fresh, log }) {
  await pool.query(SCHEMA);
  // A reporting role that administrators can give read access to (the admin area's GRANT).
  await pool.query('CREATE ROLE shop_analyst NOLOGIN').catch((error) => {
    if (error.code === '42710') return; // the role exists already
    if (error.code !== '42501') throw error;
    log(
      `cannot create the role shop_analyst (${error.message}): the admin area's GRANT fails until it exists`,
    );
  });
  if (!fresh) {
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM users');
    if (rows[0].n > 0) return;
  }
  const hashes = await Promise.all(USERS.map((user) => hashPassword(user.password)));
  await pool.query(
    `INSERT INTO users (username, display_name, role, password_hash)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])`,
    [USERS.map((u) => u.username), USERS.map((u) => u.name), USERS.map((u) => u.role), hashes],
  );
  await pool.query(
    `INSERT INTO products (name, description, price_cents)
     SELECT * FROM unnest($1::text[], $2::text[], $3::int[])`,
    [PRODUCTS.map((p) => p.name), PRODUCTS.map((p) => p.description), PRODUCTS.map((p) => p.priceCents)],
  );
  await pool.query(
    `INSERT INTO orders (user_id, product_id, quantity)
     SELECT u.id, p.id, o.quantity
       FROM unnest($1::text[], $2::text[], $3::int[]) AS o (username, product, quantity)
       JOIN users u ON u.username = o.username JOIN products p ON p.name = o.product`,
    [ORDERS.map((o) => o[0]), ORDERS.map((o) => o[1]), ORDERS.map((o) => o[2])],
  );
  await pool.query(
    `INSERT INTO cards (user_id, holder, brand, pan, expires)
     SELECT u.id, c.holder, c.brand, c.pan, c.expires
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
         AS c (username, holder, brand, pan, expires)
       JOIN users u ON u.username = c.username`,
    [
      CARDS.map((c) => c.username),
      CARDS.map((c) => c.holder),
      CARDS.map((c) => c.brand),
      CARDS.map((c) => c.pan),
      CARDS.map((c) => c.expires),
    ],
  );
}
