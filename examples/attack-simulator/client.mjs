// A small HTTP client for one simulated visitor: its own cookies, user agent and source address. The address is
// sent as X-Forwarded-For, which the shop and secotel accept from loopback proxies (SECOTEL_TRUST_PROXY=loopback),
// so each visitor appears with its own address although every request comes from 127.0.0.1.
// node:http rather than fetch: paths are sent exactly as written (fetch would resolve `..` segments and
// re-encode), which the path traversal probes need.
import { Agent, request } from 'node:http';

const agent = new Agent({ keepAlive: true, maxSockets: 16 });
const TIMEOUT_MS = 15_000;

export class Client {
  /** @param {string} target base URL, e.g. http://127.0.0.1:3000 @param {{ address: string, userAgent: string }} who */
  constructor(target, { address, userAgent }) {
    this.target = new URL(target);
    this.address = address;
    this.userAgent = userAgent;
    /** @type {Map<string, string>} */
    this.cookies = new Map();
    /** Requests sent, answers by status, requests that got no answer. */
    this.sent = 0;
    /** @type {Map<number, number>} */
    this.statuses = new Map();
    this.failures = 0;
  }

  get(path, headers = {}) {
    return this.send('GET', path, { headers });
  }

  /** POSTs an HTML form (application/x-www-form-urlencoded). */
  postForm(path, fields) {
    return this.send('POST', path, {
      body: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  postJson(path, value) {
    return this.send('POST', path, {
      body: JSON.stringify(value),
      headers: { 'content-type': 'application/json' },
    });
  }

  /** @returns {Promise<{ status: number, headers: import('node:http').IncomingHttpHeaders, body: string }>} */
  send(method, path, { body, headers = {} } = {}) {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const options = {
      agent,
      method,
      host: this.target.hostname,
      port: this.target.port,
      path,
      timeout: TIMEOUT_MS,
      headers: {
        'user-agent': this.userAgent,
        'x-forwarded-for': this.address,
        accept: 'text/html,application/json;q=0.9,*/*;q=0.8',
        ...(cookie ? { cookie } : {}),
        ...(body === undefined ? {} : { 'content-length': Buffer.byteLength(body) }),
        ...headers,
      },
    };
    this.sent += 1;
    return new Promise((resolve, reject) => {
      const req = request(options, (res) => {
        this.statuses.set(res.statusCode ?? 0, (this.statuses.get(res.statusCode ?? 0) ?? 0) + 1);
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          this.keepCookies(res.headers['set-cookie']);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          });
        });
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer within ${TIMEOUT_MS} ms`)));
      req.on('error', (error) => {
        this.failures += 1;
        reject(error);
      });
      req.end(body);
    });
  }

  keepCookies(setCookie = []) {
    for (const line of setCookie) {
      const [pair, ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      if (at <= 0) continue;
      const name = pair.slice(0, at).trim();
      const expired = attributes.some(
        (a) => /^\s*expires=thu, 01 jan 1970/i.test(a) || /^\s*max-age=0\s*$/i.test(a),
      );
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(at + 1).trim());
    }
  }
}

/** Ends the kept-alive connections so the process can exit. */
export function closeConnections() {
  agent.destroy();
}
