import { format } from 'node:util';
import type { DiagLogger } from '@opentelemetry/api';

/**
 * OpenTelemetry's console diag logger prints info and debug messages to stdout, which would mix secotel's and
 * the exporters' diagnostics into the application's own output. Every level goes to stderr here.
 */
export class StderrDiagLogger implements DiagLogger {
  error = (message: string, ...args: unknown[]) => this.write('error', message, args);
  warn = (message: string, ...args: unknown[]) => this.write('warn', message, args);
  info = (message: string, ...args: unknown[]) => this.write('info', message, args);
  debug = (message: string, ...args: unknown[]) => this.write('debug', message, args);
  verbose = (message: string, ...args: unknown[]) => this.write('verbose', message, args);

  private write(level: string, message: string, args: unknown[]): void {
    process.stderr.write(`[${level}] ${format(message, ...args)}\n`);
  }
}
