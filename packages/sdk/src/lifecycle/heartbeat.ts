/**
 * Calls `beat` every `seconds` (none when 0). The timer is unref'd: a heartbeat never keeps a process alive
 * that has nothing else to do.
 */
export function startHeartbeat(seconds: number, beat: () => void): () => void {
  if (seconds === 0) return () => {};
  const timer = setInterval(() => {
    try {
      beat();
    } catch {
      // The next beat tries again; a failing recorder has already counted its problem.
    }
  }, seconds * 1_000);
  timer.unref();
  return () => clearInterval(timer);
}
