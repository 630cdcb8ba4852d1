/**
 * Flushes queued records when the process ends, so that a short-lived process loses nothing:
 * - beforeExit (the event loop ran dry): flush, once per batch of new records;
 * - SIGTERM / SIGINT: flush, then, if the application has no handler of its own, end the process with the
 *   same signal as it would have without secotel (a listener would otherwise keep it alive).
 */
export interface FlushTarget {
  /** How many records were handed to the pipeline so far; a flush is needed only when this grew. */
  recordsSeen(): number;
  flush(): Promise<void>;
  /** Sends what the flush left undelivered, synchronously, before a signal ends the process. */
  sendRestNow(): void;
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

export function installShutdownHooks(target: FlushTarget, flushTimeoutMillis: number): () => void {
  let flushedUpTo = 0;

  const flushWithDeadline = async (): Promise<void> => {
    flushedUpTo = target.recordsSeen();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, flushTimeoutMillis).unref();
    });
    await Promise.race([target.flush().catch(() => undefined), deadline]);
    clearTimeout(timer);
  };

  const onBeforeExit = (): void => {
    if (target.recordsSeen() > flushedUpTo) void flushWithDeadline();
  };

  const onSignal = (signal: NodeJS.Signals): void => {
    const applicationHandles = process.listenerCount(signal) > 1;
    void flushWithDeadline().then(() => {
      if (applicationHandles) return;
      // Ending by the signal emits no exit event: what is still unsent goes now, or is counted and told.
      target.sendRestNow();
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    });
  };

  process.on('beforeExit', onBeforeExit);
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return () => {
    process.removeListener('beforeExit', onBeforeExit);
    for (const signal of SIGNALS) process.removeListener(signal, onSignal);
  };
}
