/**
 * Calls `crashed` when an uncaught exception or unhandled rejection is about to end the process. It listens on
 * uncaughtExceptionMonitor, which observes without handling: Node still prints the error and picks the exit
 * code as it would without secotel. An error the application handles itself (an uncaughtException listener, a
 * capture callback, an unhandledRejection listener in the default mode) does not end the process and is left
 * alone: Node then never emits the monitor event, or emits it with a handler present.
 */
export function installCrashMonitor(crashed: (error: unknown, origin: string) => void): () => void {
  const onMonitor = (error: unknown, origin: string): void => {
    if (process.listenerCount('uncaughtException') > 0) return;
    if (process.hasUncaughtExceptionCaptureCallback()) return;
    try {
      crashed(error, origin);
    } catch {
      // Never turn one crash into another: the application's own error is what Node must print.
    }
  };
  process.on('uncaughtExceptionMonitor', onMonitor);
  return () => process.removeListener('uncaughtExceptionMonitor', onMonitor);
}
