// Loopback ports for the servers the scripts and tests start (the collector, the viewing stack, the databases).
// They are picked below Linux's ephemeral range (32768 and up), where the kernel never puts the client side of an
// outgoing connection: a port chosen by binding port 0 sits in that range and can be taken by some other
// process's connection in the moment between the check and the server's own bind.
//
//   node scripts/free-port.mjs [count]     prints that many distinct free ports, one per line
import { createServer } from 'node:net';
import { pathToFileURL } from 'node:url';

const LOWEST = 20000;
const HIGHEST = 32767;
const MAX_TRIES = 1000;

/** Whether nobody listens on `port` of 127.0.0.1 right now. */
export function portFree(port) {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

/** `count` distinct loopback ports nobody listens on right now. */
export async function freePorts(count) {
  const ports = [];
  for (let tries = 0; ports.length < count; tries++) {
    if (tries === MAX_TRIES) throw new Error(`no free loopback port between ${LOWEST} and ${HIGHEST}`);
    const port = LOWEST + Math.floor(Math.random() * (HIGHEST - LOWEST + 1));
    if (!ports.includes(port) && (await portFree(port))) ports.push(port);
  }
  return ports;
}

export async function freePort() {
  const [port] = await freePorts(1);
  return port;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const count = Number(process.argv[2] ?? 1);
  for (const port of await freePorts(count)) console.log(port);
}
