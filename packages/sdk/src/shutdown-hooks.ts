/**
 * Sends queued records when the process ends, so that a short-lived process loses nothing, and never lets a
 * slow or absent collector keep it alive:
 * - beforeExit (the event loop ran dry): what is unsent goes at once, within the exit deadline (see
 *   ExitFlush.drain; no retries, which would keep the process alive up to OTEL_EXPORTER_OTLP_TIMEOUT);
 * - SIGTERM / SIGINT, when the application has no handler of its own: what is left is sent the same way, then
 *   the process ends by the same signal as it would have without
 *   secotel (a listener would otherwise keep it alive). Another signal meanwhile cuts the wait short. An
 *   application that handles the signal ends the process itself, through beforeExit or exit; `signalReceived`
 *   hears of it.
 * Each `ending...` is told before what is left must be sent, so that it can record why the process ends.
 */
const SIGNALS = ['SIGTERM', 'SIGINT'] as const;
/** The reason the process ends when the event loop ran dry (beforeExit). */
export const NATURAL_EXIT = 'natural_exit';

export interface ShutdownListener {
  /** The event loop ran dry. */
  endingNaturally(): void;
  /** The signal ends the process: resolves once what is left was sent or given up on. */
  endingBySignal(signal: NodeJS.Signals): Promise<void>;
  /** Another signal arrived while endingBySignal's promise was pending: it must resolve at once. */
  hurry(): void;
  signalReceived(signal: NodeJS.Signals): void;
}

export function installShutdownHooks(listener: ShutdownListener): () => void {
  const onBeforeExit = (): void => listener.endingNaturally();
  let endingBy: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (endingBy !== undefined) {
      listener.hurry();
      return;
    }
    if (process.listenerCount(signal) > 1) {
      listener.signalReceived(signal);
      return;
    }
    endingBy = signal;
    void listener.endingBySignal(signal).then(() => {
      remove();
      // The first signal, whichever came next: the one that would have ended the process without secotel.
      process.kill(process.pid, signal);
    });
  };

  process.on('beforeExit', onBeforeExit);
  for (const signal of SIGNALS) process.on(signal, onSignal);
  const remove = (): void => {
    process.removeListener('beforeExit', onBeforeExit);
    for (const signal of SIGNALS) process.removeListener(signal, onSignal);
  };
  return remove;
}
