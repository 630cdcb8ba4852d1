// A tiny login service that reports security facts by hand with the secotel API.
// Run it with: node --import @secotel/node/register examples/hello/app.mjs
import { createServer } from 'node:http';
import { runWithContext, security } from '@secotel/node';

const users = new Map([['alice', { id: 'u-1', password: 'correct horse battery staple', roles: ['admin'] }]]);

function handleLogin(response, credentials) {
  const user = users.get(credentials.login);
  if (user === undefined || user.password !== credentials.password) {
    security.loginFailure({
      login: credentials.login,
      userExists: user !== undefined,
      reason: user === undefined ? 'unknown_user' : 'bad_password',
      strategy: 'local',
      // A careless attribute: the redaction processor removes the password before anything leaves the process.
      attributes: { 'app.form.password': credentials.password },
    });
    response.writeHead(401, { 'www-authenticate': 'Form' }).end('login failed\n');
    return;
  }
  security.loginSuccess({ userId: user.id, login: credentials.login, roles: user.roles, strategy: 'local' });
  response.writeHead(200).end('welcome\n');
}

function handleAdmin(request, response) {
  security.authzFail(
    { 'security.resource': '/admin' },
    { body: `refused /admin; the request carried ${request.headers.authorization}` },
  );
  response.writeHead(403).end('forbidden\n');
}

const server = createServer((request, response) => {
  const context = {
    client: { address: request.socket.remoteAddress, port: request.socket.remotePort },
    request: { method: request.method, path: request.url, userAgent: request.headers['user-agent'] },
  };
  runWithContext(context, () => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      if (request.url === '/login') handleLogin(response, JSON.parse(body));
      else if (request.url === '/admin') handleAdmin(request, response);
      else response.writeHead(404).end();
    });
  });
});

/** Plays a few visitors against the service, then stops it. */
async function visit(base) {
  const login = (login, password) =>
    fetch(`${base}/login`, { method: 'POST', body: JSON.stringify({ login, password }) });
  await login('alice', 'wrong password');
  await login('mallory', 'letmein');
  await login('alice', 'correct horse battery staple');
  await fetch(`${base}/admin`, {
    headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5In0.c2lnbmF0dXJl' },
  });
}

server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address();
  await visit(`http://127.0.0.1:${port}`);
  server.close();
});
