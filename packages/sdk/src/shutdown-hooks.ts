/**
 * Sends queued records when the process ends, so that a short-lived process loses nothing, and never lets a
 * slow or absent collector keep it alive:
 * - beforeExit (the event loop ran dry): what is unsent goes at once, in one attempt that ends by the exit
 *   deadline (no retries, which would keep the process alive up to OTEL_EXPORTER_OTLP_TIMEOUT);
 * - SIGTERM / SIGINT, when the application has no handler of its own: the same, then the process ends by the
 *   same signal as it would have without secotel (a listener would otherwise keep it alive). An application
 *   that handles the signal ends the process itself, through beforeExit or exit; `signalReceived` hears of it.
 * `ending` is told why the process ends (the signal's name or natural_exit) before it must send what is left.
 */
const SIGNALS = ['SIGTERM', 'SIGINT'] as const;
/** The reason given to `ending` when the event loop ran dry (beforeExit). */
export const NATURAL_EXIT = 'natural_exit';

export interface ShutdownListener {
  ending(reason: string): void;
  signalReceived(signal: NodeJS.Signals): void;
}

export function installShutdownHooks(listener: ShutdownListener): () => void {
  const onBeforeExit = (): void => listener.ending(NATURAL_EXIT);
  const onSignal = (signal: NodeJS.Signals): void => {
    if (process.listenerCount(signal) > 1) {
      listener.signalReceived(signal);
      return;
    }
    listener.ending(signal);
    process.removeListener(signal, onSignal);
    process.kill(process.pid, signal);
  };

  process.on('beforeExit', onBeforeExit);
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return () => {
    process.removeListener('beforeExit', onBeforeExit);
    for (const signal of SIGNALS) process.removeListener(signal, onSignal);
  };
}
