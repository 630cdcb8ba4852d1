// The shop's express application. It does not know about secotel except in one place (an application-level role
// change, reported with the security API); everything else secotel reports is seen by its instrumentations:
// logins (passport), sessions (express-session), tokens (jsonwebtoken), refusals and attack inputs (HTTP layer),
// SQL injection, GRANTs and reads of the cards table (database layer).
import { readdir } from 'node:fs/promises';
import { security } from '@secotel/node';
import express from 'express';
import session from 'express-session';
import jwt from 'jsonwebtoken';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import {
  accountPage,
  adminPage,
  downloadsPage,
  layout,
  loginForm,
  productTable,
  searchForm,
} from './pages.mjs';
import { verifyAgainstNothing, verifyPassword } from './passwords.mjs';

const ROLES = ['customer', 'support', 'admin'];
/** Tables an administrator may open to the reporting role; identifiers cannot be query parameters. */
const REPORTING_TABLES = ['products', 'orders'];
const TOKEN = { algorithm: 'HS256', issuer: 'secotel-shop', audience: 'shop-api', expiresIn: '15m' };

const toUser = (row) => ({ id: row.id, username: row.username, name: row.display_name, roles: [row.role] });

/**
 * @param {{ pool: import('pg').Pool, sessionSecret: string, jwtSecret: string, filesDir: string,
 *           trustProxy: string }} options
 */
export function createApp({ pool, sessionSecret, jwtSecret, filesDir, trustProxy }) {
  const findUser = async (column, value) => {
    const { rows } = await pool.query(
      `SELECT id, username, display_name, role, password_hash FROM users WHERE ${column} = $1`,
      [value],
    );
    return rows[0];
  };

  passport.use(
    new LocalStrategy(async (username, password, done) => {
      try {
        const row = await findUser('username', username);
        if (row === undefined) {
          await verifyAgainstNothing(password);
          return done(null, false, { message: 'Unknown user' });
        }
        if (!(await verifyPassword(password, row.password_hash)))
          return done(null, false, { message: 'Incorrect password.' });
        return done(null, toUser(row));
      } catch (error) {
        return done(error);
      }
    }),
  );
  passport.serializeUser((user, done) => done(null, user.id));
  passport.deserializeUser((id, done) => {
    findUser('id', id).then(
      (row) => done(null, row === undefined ? false : toUser(row)),
      (error) => done(error),
    );
  });

  const app = express();
  // The same proxies secotel trusts (SECOTEL_TRUST_PROXY): req.ip and the records name the same client.
  app.set('trust proxy', trustProxy);
  app.use(express.urlencoded({ extended: false, limit: '16kb' }));
  app.use(express.json({ limit: '16kb' }));
  app.use(
    session({
      name: 'shop.sid',
      secret: sessionSecret,
      resave: false,
      saveUninitialized: false,
      cookie: { httpOnly: true, sameSite: 'lax', maxAge: 30 * 60 * 1000 },
    }),
  );
  app.use(passport.session());

  app.get('/healthz', (_req, res) => {
    res.type('text').send('ok\n');
  });

  app.get('/', async (req, res) => {
    const { rows } = await pool.query('SELECT id, name, description, price_cents FROM products ORDER BY id');
    res.send(layout('Outdoor shop', req.user, searchForm() + productTable(rows)));
  });

  app.get('/products/:id', async (req, res) => {
    const id = Number.parseInt(req.params.id, 10);
    const { rows } = Number.isSafeInteger(id)
      ? await pool.query('SELECT id, name, description, price_cents FROM products WHERE id = $1', [id])
      : { rows: [] };
    if (rows.length === 0) {
      res.status(404).send(layout('Not found', req.user, '<p>No such product.</p>'));
      return;
    }
    res.send(layout(rows[0].name, req.user, productTable(rows)));
  });

  // DEMO ONLY - DELIBERATELY VULNERABLE TO SQL INJECTION. The search text is pasted into the SQL text, so
  // `' OR '1'='1` or `' UNION SELECT ...` changes the statement. Real code passes it as a parameter:
  //   pool.query('... WHERE name ILIKE $1', [`%${q}%`])
  // It is here so that secotel's database layer has an injection to report.
  app.get('/search', async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q : '';
    const sql = `SELECT id, name, description, price_cents FROM products WHERE name ILIKE '%${q}%' ORDER BY name`;
    let rows;
    try {
      const result = await pool.query(sql);
      // A stacked query (`'; SELECT ...`) answers with one result per statement: show the first.
      rows = Array.isArray(result) ? result[0].rows : result.rows;
    } catch {
      res.status(500).send(layout('Search failed', req.user, searchForm(q)));
      return;
    }
    res.send(layout(`Search: ${q}`, req.user, searchForm(q) + productTable(rows)));
  });

  app.get('/login', (req, res) => {
    res.send(layout('Sign in', req.user, loginForm(req.query.failed !== undefined)));
  });
  app.post(
    '/login',
    passport.authenticate('local', { successRedirect: '/account', failureRedirect: '/login?failed' }),
  );
  app.post('/logout', (req, res, next) => {
    req.logout((error) => (error ? next(error) : res.redirect('/')));
  });

  const requireLogin = (req, res, next) => {
    if (req.user) next();
    else res.redirect(`/login?next=${encodeURIComponent(req.originalUrl)}`);
  };
  const requireAdmin = (req, res, next) => {
    if (!req.user) res.redirect('/login');
    else if (!req.user.roles.includes('admin'))
      res.status(403).send(layout('Forbidden', req.user, '<p>The admin area is for administrators.</p>'));
    else next();
  };

  const ordersOf = async (userId) =>
    (
      await pool.query(
        `SELECT o.id, p.name AS product, o.quantity, o.created_at
           FROM orders o JOIN products p ON p.id = o.product_id WHERE o.user_id = $1 ORDER BY o.id`,
        [userId],
      )
    ).rows;
  // cards is a sensitive table (SECOTEL_SENSITIVE_TABLES): each read is a security.sensitive_read fact.
  const cardsOf = async (userId) =>
    (
      await pool.query(
        `SELECT brand, '**** ' || right(pan, 4) AS masked, expires FROM cards WHERE user_id = $1 ORDER BY id`,
        [userId],
      )
    ).rows;

  app.get('/account', requireLogin, async (req, res) => {
    const [orders, cards] = [await ordersOf(req.user.id), await cardsOf(req.user.id)];
    res.send(layout(`Account of ${req.user.name}`, req.user, accountPage(orders, cards)));
  });

  app.get('/admin', requireAdmin, async (req, res) => {
    const { rows } = await pool.query('SELECT id, username, role FROM users ORDER BY id');
    res.send(layout('Admin', req.user, adminPage(rows)));
  });

  // An application-level privilege change: the database layer sees an ordinary UPDATE, so the application
  // reports the fact itself.
  app.post('/admin/users/:id/role', requireAdmin, async (req, res) => {
    const id = Number.parseInt(req.params.id, 10);
    const role = req.body?.role;
    if (!Number.isSafeInteger(id) || !ROLES.includes(role)) {
      res.status(400).send(layout('Bad request', req.user, '<p>Unknown user or role.</p>'));
      return;
    }
    const { rows } = await pool.query('SELECT username, role FROM users WHERE id = $1', [id]);
    if (rows.length === 0) {
      res.status(404).send(layout('Not found', req.user, '<p>No such user.</p>'));
      return;
    }
    await pool.query('UPDATE users SET role = $1 WHERE id = $2', [role, id]);
    security.authzChange({
      'security.target_user.id': String(id),
      'security.privilege.from': rows[0].role,
      'security.privilege.to': role,
    });
    res.redirect(303, '/admin');
  });

  // A database privilege change: the GRANT statement is seen by the database layer
  // (security.privilege_permissions_changed).
  app.post('/admin/reporting-access', requireAdmin, async (req, res) => {
    const table = req.body?.table;
    if (!REPORTING_TABLES.includes(table)) {
      res.status(400).send(layout('Bad request', req.user, '<p>Unknown table.</p>'));
      return;
    }
    await pool.query(`GRANT SELECT ON TABLE ${table} TO shop_analyst`);
    res.redirect(303, '/admin');
  });

  app.get('/downloads', async (req, res) => {
    const files = (await readdir(filesDir)).sort();
    res.send(layout('Downloads', req.user, downloadsPage(files)));
  });
  // Serves a file of filesDir by name. A name with a path in it is refused (400); express's `root` option
  // would refuse `..` as well. The HTTP layer reports traversal attempts whatever the answer.
  app.get('/download', (req, res, next) => {
    const name = typeof req.query.file === 'string' ? req.query.file : '';
    if (name === '' || /[/\\\0]/.test(name) || name.startsWith('.')) {
      res.status(400).type('text').send('invalid file name\n');
      return;
    }
    res.sendFile(name, { root: filesDir, dotfiles: 'deny' }, (error) => {
      if (error === undefined) return;
      if (error.status === 404) res.status(404).type('text').send('no such file\n');
      else next(error);
    });
  });

  // The token API: POST /api/login answers a JSON login with a bearer token (jsonwebtoken); the other /api
  // routes require one.
  app.post('/api/login', (req, res, next) => {
    passport.authenticate('local', { session: false }, (error, user) => {
      if (error) return next(error);
      if (!user) {
        res.status(401).set('WWW-Authenticate', 'Bearer realm="shop"').json({ error: 'invalid credentials' });
        return;
      }
      const { algorithm, issuer, audience, expiresIn } = TOKEN;
      const token = jwt.sign({ sub: user.username, uid: user.id, roles: user.roles }, jwtSecret, {
        algorithm,
        issuer,
        audience,
        expiresIn,
      });
      res.json({ token_type: 'Bearer', access_token: token, expires_in: 900 });
    })(req, res, next);
  });

  const requireToken = (req, res, next) => {
    const [scheme, token] = (req.get('authorization') ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      res.status(401).set('WWW-Authenticate', 'Bearer realm="shop"').json({ error: 'token required' });
      return;
    }
    const { algorithm, issuer, audience } = TOKEN;
    jwt.verify(token, jwtSecret, { algorithms: [algorithm], issuer, audience }, (error, claims) => {
      if (error) {
        res
          .status(401)
          .set('WWW-Authenticate', 'Bearer realm="shop", error="invalid_token"')
          .json({ error: 'invalid token' });
        return;
      }
      req.user = { id: claims.uid, username: claims.sub, roles: claims.roles }; // secotel reads req.user
      next();
    });
  };

  app.get('/api/me', requireToken, (req, res) => {
    res.json({ username: req.user.username, roles: req.user.roles });
  });
  app.get('/api/orders', requireToken, async (req, res) => {
    res.json(await ordersOf(req.user.id));
  });
  app.get('/api/cards', requireToken, async (req, res) => {
    res.json(await cardsOf(req.user.id));
  });

  app.use((req, res) => {
    res.status(404).send(layout('Not found', req.user, '<p>There is nothing here.</p>'));
  });
  app.use((error, req, res, _next) => {
    console.error(`shop: ${req.method} ${req.path}: ${error.message}`);
    if (!res.headersSent) res.status(500).send(layout('Error', req.user, '<p>Something went wrong.</p>'));
  });
  return app;
}
