import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { NODE_BINARY } from './paths';
import { type OwnedProcess, startProcess } from './processes.mjs';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface RequestSpec {
  method?: string;
  /** Sent as is: no URL normalisation, so `..` and raw encodings reach the server. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Over TLS, accepting the test server's self-signed certificate. */
  tls?: boolean;
}

/**
 * The exit budget of the apps the tests stop with SIGTERM. A signal waits up to half of it for the exports in
 * flight before sending them again (at least once): with the default 1.5 s, a CI machine loaded by parallel
 * test files can answer later than that, and the tests, which count every record, would see a batch twice.
 */
const EXIT_BUDGET = { SECOTEL_EXIT_TIMEOUT: '10000' };

/** An application server running as a child process (Node 24), listening on a random loopback port. */
export class AppProcess {
  private constructor(
    private readonly child: OwnedProcess,
    readonly port: number,
  ) {}

  /** Starts `node ...args` in `cwd` and waits for the app to print `listening <port>`. */
  static async start(
    args: readonly string[],
    cwd: string,
    env: Record<string, string> = {},
  ): Promise<AppProcess> {
    const app = startProcess({
      name: `the app (${args.join(' ')})`,
      command: NODE_BINARY,
      args,
      cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...EXIT_BUDGET, ...env },
    });
    try {
      const [, port] = await app.waitForLine(/^listening (\d+)$/, { what: 'its "listening <port>" line' });
      return new AppProcess(app, Number(port));
    } catch (error) {
      await app.stop();
      throw error;
    }
  }

  /** One request on a fresh connection, so the server sees each as a new client port. */
  send(spec: RequestSpec): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const send = spec.tls ? httpsRequest : httpRequest;
      const req = send(
        {
          host: '127.0.0.1',
          port: this.port,
          method: spec.method ?? 'GET',
          path: spec.path,
          headers: spec.headers,
          agent: false,
          rejectUnauthorized: false,
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => {
            body += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      req.once('error', reject);
      req.end(spec.body);
    });
  }

  /** Writes raw bytes on a new connection and returns everything the server sent until it closed. */
  sendRaw(bytes: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(this.port, '127.0.0.1', () => socket.end(bytes));
      let answer = '';
      socket.setEncoding('latin1');
      socket.on('data', (chunk) => {
        answer += chunk;
      });
      socket.once('error', reject);
      socket.once('close', () => resolve(answer));
    });
  }

  /** Stops the app with SIGTERM (the SDK flushes on it; SIGKILL after 30 s) and returns what it wrote to stderr. */
  async stop(): Promise<string> {
    await this.child.stop(30_000);
    return this.child.stderr;
  }
}
