import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { freePorts } from '../../../scripts/free-port.mjs';
import { CACHE_DIR, REPO_ROOT } from '../../../test-support/paths';

export const COLLECTOR_DIR = resolve(REPO_ROOT, 'otel-collector');
export const VERIFY_BINARY = resolve(CACHE_DIR, 'secotel-verify');
const run = promisify(execFile);

/**
 * Builds (or finds up to date) otelcol-secotel with the repo's build script, which `npm test` also runs in
 * pretest, and secotel-verify with go build. Returns the collector binary's path.
 */
export async function buildBinaries(): Promise<string> {
  const script = resolve(COLLECTOR_DIR, 'scripts/build-collector.sh');
  const built = await run('bash', [script], { maxBuffer: 1 << 24 });
  await run('go', ['build', '-o', VERIFY_BINARY, '.'], {
    cwd: resolve(COLLECTOR_DIR, 'cmd/secotel-verify'),
  });
  return built.stdout.trim().split('\n').at(-1) ?? '';
}

async function choosePorts(): Promise<Ports> {
  const [otlpHttp, otlpGrpc, health, metrics] = await freePorts(4);
  return { otlpHttp, otlpGrpc, health, metrics };
}

/** A child process that is killed when the test process exits, whatever happened to the test. */
function spawnOwned(binary: string, args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(binary, args, {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  child.once('exit', () => process.removeListener('exit', kill));
  return child;
}

/** Sends SIGTERM (SIGKILL after `graceMillis`) and resolves with the exit code once the process is gone. */
async function terminate(child: ChildProcess, graceMillis: number): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMillis);
  const code = await exited;
  clearTimeout(timer);
  return code;
}

/** The last `limit` characters a stream wrote, for error messages. */
function tail(child: ChildProcess, limit = 16_384): () => string {
  let text = '';
  child.stderr?.on('data', (chunk) => {
    text = (text + chunk).slice(-limit);
  });
  child.stdout?.resume();
  return () => text;
}

interface Ports {
  otlpHttp: number;
  otlpGrpc: number;
  health: number;
  metrics: number;
}

/** One otelcol-secotel process on free loopback ports, started from the given config files. */
export class Collector {
  private constructor(
    private readonly child: ChildProcess,
    private readonly launch: { binary: string; configs: readonly string[]; env: Record<string, string> },
    readonly ports: Ports,
    readonly stderr: () => string,
  ) {}

  /**
   * Starts the collector on free ports (or the given ones) and resolves once its health_check answers 200.
   * Another test may bind a port this one found free before the collector does, so a start on chosen ports
   * that fails with "address already in use" is tried again on new ones.
   */
  static async start(
    binary: string,
    configs: readonly string[],
    env: Record<string, string>,
    given?: Ports,
  ): Promise<Collector> {
    for (let attempt = 1; ; attempt++) {
      const ports = given ?? (await choosePorts());
      try {
        return await Collector.startOn(binary, configs, env, ports);
      } catch (error) {
        const portTaken = String(error).includes('address already in use');
        if (given !== undefined || !portTaken || attempt === 3) throw error;
      }
    }
  }

  private static async startOn(
    binary: string,
    configs: readonly string[],
    env: Record<string, string>,
    ports: Ports,
  ): Promise<Collector> {
    const child = spawnOwned(
      binary,
      configs.flatMap((config) => ['--config', config]),
      {
        ...env,
        SECOTEL_OTLP_HTTP_PORT: String(ports.otlpHttp),
        SECOTEL_OTLP_GRPC_PORT: String(ports.otlpGrpc),
        // gateway.yaml's name for its OTLP/gRPC port
        SECOTEL_GATEWAY_PORT: String(ports.otlpGrpc),
        SECOTEL_HEALTH_PORT: String(ports.health),
        SECOTEL_METRICS_PORT: String(ports.metrics),
      },
    );
    const collector = new Collector(child, { binary, configs, env }, ports, tail(child));
    await collector.waitHealthy();
    return collector;
  }

  /** Stops this collector and starts it again with the same configuration, environment and ports. */
  async restart(): Promise<Collector> {
    const code = await this.stop();
    if (code !== 0) throw new Error(`otelcol-secotel exited with ${code}:\n${this.stderr()}`);
    return Collector.start(this.launch.binary, this.launch.configs, this.launch.env, this.ports);
  }

  get otlpGrpcAddress(): string {
    return `127.0.0.1:${this.ports.otlpGrpc}`;
  }

  get otlpHttpEndpoint(): string {
    return `http://127.0.0.1:${this.ports.otlpHttp}`;
  }

  /** The collector's own metrics (Prometheus text), e.g. otelcol_processor_security_alerts. */
  async metrics(): Promise<string> {
    return (await fetch(`http://127.0.0.1:${this.ports.metrics}/metrics`)).text();
  }

  /** Kills the collector with SIGKILL, as a crash would, and resolves once it is gone. */
  async crash(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((done) => this.child.once('exit', done));
    this.child.kill('SIGKILL');
    await exited;
  }

  /** Stops the collector (it flushes its batch and writes shutdown checkpoints) and returns its exit code. */
  stop(): Promise<number | null> {
    return terminate(this.child, 30_000);
  }

  private async waitHealthy(): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) break;
      const status = await fetch(`http://127.0.0.1:${this.ports.health}/`).then(
        (response) => response.status,
        () => 0,
      );
      if (status === 200) return;
      await new Promise((done) => setTimeout(done, 100));
    }
    await this.stop();
    throw new Error(`otelcol-secotel did not become healthy:\n${this.stderr()}`);
  }
}

export interface VerifyRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs secotel-verify on a file of the file exporter's output. */
export function secotelVerify(args: readonly string[]): Promise<VerifyRun> {
  return new Promise((done, fail) => {
    execFile(VERIFY_BINARY, args, { timeout: 60_000 }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== 'number') fail(error);
      else
        done({
          code: error === null ? 0 : (error.code as number),
          stdout,
          stderr,
        });
    });
  });
}
