// What the benchmarks share: the median and quartiles of their rounds, and the cost per call of a timed loop.

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The first and third quartiles (nearest rank): where the middle half of the values lie. */
export function quartiles(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
  return [at(0.25), at(0.75)];
}

/**
 * Nanoseconds per call of `run(i)` over `iterations` calls. Its results are summed into a value the loop
 * checks, so that the calls cannot be optimised away.
 */
export function nsPerCall(run, iterations) {
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) sink += run(i);
  const elapsed = Number(process.hrtime.bigint() - start) / iterations;
  if (sink === -1) console.log(sink);
  return elapsed;
}
