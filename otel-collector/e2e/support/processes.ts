import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { freePorts } from '../../../scripts/free-port.mjs';
import { buildCollector } from '../../../test-support/collector-build.mjs';
import { CACHE_DIR, REPO_ROOT } from '../../../test-support/paths';
import { type OwnedProcess, startProcess } from '../../../test-support/processes.mjs';

export const COLLECTOR_DIR = resolve(REPO_ROOT, 'otel-collector');
export const VERIFY_BINARY = resolve(CACHE_DIR, 'secotel-verify');
const run = promisify(execFile);

/**
 * Builds (or finds up to date) otelcol-secotel, which `npm test` also builds in pretest, and secotel-verify
 * with go build. Returns the collector binary's path.
 */
export async function buildBinaries(): Promise<string> {
  const binary = await buildCollector();
  await run('go', ['build', '-o', VERIFY_BINARY, '.'], {
    cwd: resolve(COLLECTOR_DIR, 'cmd/secotel-verify'),
  });
  return binary;
}

async function choosePorts(): Promise<Ports> {
  const [otlpHttp, otlpGrpc, health, metrics] = await freePorts(4);
  return { otlpHttp, otlpGrpc, health, metrics };
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
    private readonly child: OwnedProcess,
    private readonly launch: { binary: string; configs: readonly string[]; env: Record<string, string> },
    readonly ports: Ports,
  ) {}

  /** The end of what the collector wrote to stderr, for error messages. */
  stderr(): string {
    return this.child.outputTail(16_384);
  }

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
    const child = startProcess({
      name: 'otelcol-secotel',
      command: binary,
      args: configs.flatMap((config) => ['--config', config]),
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        ...env,
        SECOTEL_OTLP_HTTP_PORT: String(ports.otlpHttp),
        SECOTEL_OTLP_GRPC_PORT: String(ports.otlpGrpc),
        // gateway.yaml's name for its OTLP/gRPC port
        SECOTEL_GATEWAY_PORT: String(ports.otlpGrpc),
        SECOTEL_HEALTH_PORT: String(ports.health),
        SECOTEL_METRICS_PORT: String(ports.metrics),
      },
    });
    try {
      await child.waitForHttp(`http://127.0.0.1:${ports.health}/`, 60_000);
    } catch (error) {
      await child.stop(30_000);
      throw error;
    }
    return new Collector(child, { binary, configs, env }, ports);
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
    await this.child.kill();
  }

  /** Stops the collector (it flushes its batch and writes shutdown checkpoints) and returns its exit code. */
  async stop(): Promise<number | null> {
    return (await this.child.stop(30_000)).code;
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
