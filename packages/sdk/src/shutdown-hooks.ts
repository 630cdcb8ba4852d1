/**
 * Sends queued records when the process ends, so that a short-lived process loses nothing, and never lets a
 * slow or absent collector keep it alive:
 * - beforeExit (the event loop ran dry): what is unsent goes at once, in one attempt that ends by the exit
 *   deadline (no retries, which would keep the process alive up to OTEL_EXPORTER_OTLP_TIMEOUT);
 * - SIGTERM / SIGINT, when the application has no handler of its own: the same, then the process ends by the
 *   same signal as it would have without secotel (a listener would otherwise keep it alive). An application
 *   that handles the signal ends the process itself, through beforeExit or exit.
 */
const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

export function installShutdownHooks(sendRestNow: () => void, sendRestSoon: () => void): () => void {
  const onSignal = (signal: NodeJS.Signals): void => {
    if (process.listenerCount(signal) > 1) return;
    sendRestNow();
    process.removeListener(signal, onSignal);
    process.kill(process.pid, signal);
  };

  process.on('beforeExit', sendRestSoon);
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return () => {
    process.removeListener('beforeExit', sendRestSoon);
    for (const signal of SIGNALS) process.removeListener(signal, onSignal);
  };
}
