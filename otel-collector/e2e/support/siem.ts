import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { createServer, type Server } from 'node:tls';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../../../test-support/paths';

const run = promisify(execFile);

/** Builds (or finds) VictoriaLogs as the local stack does, and returns the binary's path. */
export async function installVictoriaLogs(): Promise<string> {
  const { stdout } = await run('bash', [
    resolve(REPO_ROOT, 'otel-collector/stack/install.sh'),
    '--victorialogs-only',
  ]);
  const path = /^VICTORIALOGS=(.+)$/m.exec(stdout)?.[1];
  if (!path) throw new Error(`install.sh did not report VICTORIALOGS:\n${stdout}`);
  return path;
}

/** A self-signed certificate for 127.0.0.1 (its own CA), written by openssl into `dir`. */
export async function selfSignedCertificate(dir: string): Promise<{ cert: string; key: string }> {
  const cert = resolve(dir, 'cert.pem');
  const key = resolve(dir, 'key.pem');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
  ]);
  return { cert, key };
}

/** A VictoriaLogs row as LogsQL returns it: every field a string. */
export type Row = Record<string, string>;

/** Runs a LogsQL query (after flushing what VictoriaLogs holds in memory) and returns the rows. */
export async function logsQL(base: string, query: string): Promise<Row[]> {
  await fetch(`${base}/internal/force_flush`);
  const response = await fetch(`${base}/select/logsql/query`, {
    method: 'POST',
    body: new URLSearchParams({ query }),
  });
  if (!response.ok) throw new Error(`${query}: ${response.status} ${await response.text()}`);
  return (await response.text())
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Row);
}

/**
 * A TLS syslog receiver that keeps every byte it is sent and passes it on unchanged to a plain TCP syslog
 * receiver (VictoriaLogs'): the test then holds the exact lines that went over the wire.
 */
export class SyslogTee {
  /** What each connection received, in order (one per exporter, and one more after each reconnection). */
  private readonly connections: Buffer[][] = [];
  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(
    cert: { cert: string; key: string },
    upstreamPort: number,
    read: (path: string) => Buffer,
  ) {
    let tee: SyslogTee | undefined;
    const server = createServer({ cert: read(cert.cert), key: read(cert.key) }, (socket) => {
      const upstream = connect(upstreamPort, '127.0.0.1');
      const received: Buffer[] = [];
      tee?.connections.push(received);
      socket.on('data', (chunk: Buffer) => {
        received.push(chunk);
        upstream.write(chunk);
      });
      socket.on('close', () => upstream.end());
      socket.on('error', () => upstream.end());
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('the syslog tee has no port');
    tee = new SyslogTee(server, address.port);
    return tee;
  }

  /** The RFC 5424 messages received so far, unframed (RFC 6587 octet counting). */
  messages(): string[] {
    return this.connections.flatMap((chunks) => {
      const bytes = Buffer.concat(chunks);
      const messages: string[] = [];
      for (let at = 0; at < bytes.length; ) {
        const space = bytes.indexOf(0x20, at);
        const length = Number(bytes.subarray(at, space).toString('ascii'));
        if (space < 0 || !Number.isInteger(length) || space + 1 + length > bytes.length) break; // a frame in flight
        messages.push(bytes.subarray(space + 1, space + 1 + length).toString('utf8'));
        at = space + 1 + length;
      }
      return messages;
    });
  }

  close(): Promise<void> {
    return new Promise((done) => this.server.close(() => done()));
  }
}

/** A LEEF 2.0 line read by the format's rules: its header and its attributes, unescaped. */
export interface LEEFEvent {
  vendor: string;
  product: string;
  version: string;
  eventId: string;
  attributes: Record<string, string>;
}

/**
 * Parses a LEEF 2.0 line: five header fields separated by unescaped '|' (escapes \| and \\), the delimiter
 * field (one character, or its hex code as xHH / 0xHH), then key=value attributes separated by the delimiter;
 * a value escapes the delimiter, backslash and line breaks (\n, \r) with a backslash.
 */
export function parseLEEF(line: string): LEEFEvent {
  const header: string[] = [];
  let field = '';
  let at = 0;
  for (; header.length < 6 && at < line.length; at++) {
    const c = line[at];
    if (c === '\\' && (line[at + 1] === '|' || line[at + 1] === '\\')) field += line[++at];
    else if (c === '|') {
      header.push(field);
      field = '';
    } else field += c;
  }
  const [leef, vendor, product, version, eventId, delimiterField] = header;
  if (leef !== 'LEEF:2.0' || delimiterField === undefined) throw new Error(`not a LEEF 2.0 line: ${line}`);
  const hex = /^(?:0?x)([0-9a-fA-F]{2})$/.exec(delimiterField);
  const delimiter = hex ? String.fromCharCode(Number.parseInt(hex[1], 16)) : delimiterField;
  if (delimiter.length !== 1) throw new Error(`LEEF delimiter ${JSON.stringify(delimiterField)}`);

  const attributes: Record<string, string> = {};
  const escaped = { n: '\n', r: '\r', '\\': '\\', [delimiter]: delimiter } as Record<string, string>;
  let pair = '';
  const flush = () => {
    const equals = pair.indexOf('=');
    if (equals > 0) attributes[pair.slice(0, equals)] = pair.slice(equals + 1);
    pair = '';
  };
  for (; at < line.length; at++) {
    const c = line[at];
    if (c === '\\' && escaped[line[at + 1]] !== undefined) pair += escaped[line[++at]];
    else if (c === delimiter) flush();
    else pair += c;
  }
  flush();
  return { vendor, product, version, eventId, attributes };
}
