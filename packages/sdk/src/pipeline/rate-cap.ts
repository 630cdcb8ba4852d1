export interface RateCapOptions {
  /** Sustained records per second allowed per event name; 0 turns the cap off. */
  readonly perSecond: number;
  /** Records per event name that may pass at once before the sustained rate applies. */
  readonly burst: number;
  /** Event names that are never capped (the summary record itself). */
  readonly exempt: readonly string[];
  readonly now?: () => number;
}

/** Called with how many records of one event name were folded since the last summary. */
export type FoldedReporter = (eventName: string, count: number, windowSeconds: number) => void;

interface Bucket {
  tokens: number;
  refilledAt: number;
  folded: number;
  foldingSince: number;
}

/** Event names come from the event model, so this only guards against a misbehaving caller. */
const MAX_BUCKETS = 1_024;
const SUMMARY_INTERVAL_MS = 1_000;

/**
 * Security events are never sampled, but a flood of one kind must not become a denial of service: past a
 * token-bucket limit per event name, records are folded into one summary per second that says how many. The
 * recorder asks before it builds a record, so a folded one costs no body, redaction, encoding or export: a flood
 * of refusals stays cheap for the application it targets.
 */
export class RateCap {
  private readonly buckets = new Map<string, Bucket>();
  /** The cap's clock (Date.now unless the options give another): a recorder stamps its record with the same read. */
  readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: RateCapOptions,
    private readonly reportFolded: FoldedReporter,
  ) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Whether a record of `eventName` may be recorded at `now`; one that may not is counted into the next summary.
   * `now` is read from the cap's clock once by the caller, which stamps the record with it (a clock read costs
   * about as much as the rest of the cap's work).
   */
  admit(eventName: string, now: number = this.now()): boolean {
    if (this.options.perSecond === 0) return true;
    const bucket = this.bucketFor(eventName, now);
    if (bucket === undefined || this.take(bucket, now)) return true;
    if (bucket.folded === 0) bucket.foldingSince = now;
    bucket.folded++;
    this.timer ??= setTimeout(() => this.summarize(), SUMMARY_INTERVAL_MS).unref();
    return false;
  }

  /** Reports one summary per event name that folded records, and resets the counts (also before a flush). */
  summarize(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const now = this.now();
    for (const [name, bucket] of this.buckets) {
      if (bucket.folded === 0) continue;
      const count = bucket.folded;
      bucket.folded = 0;
      this.reportFolded(name, count, Math.max(1, Math.round((now - bucket.foldingSince) / 1_000)));
    }
  }

  /** An exempt name never gets a bucket, so it is only looked for in `exempt` when no bucket is found. */
  private bucketFor(name: string, now: number): Bucket | undefined {
    let bucket = this.buckets.get(name);
    if (bucket === undefined && this.buckets.size < MAX_BUCKETS && !this.options.exempt.includes(name)) {
      bucket = { tokens: this.options.burst, refilledAt: now, folded: 0, foldingSince: 0 };
      this.buckets.set(name, bucket);
    }
    return bucket;
  }

  private take(bucket: Bucket, now: number): boolean {
    const refill = ((now - bucket.refilledAt) / 1_000) * this.options.perSecond;
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + refill);
    bucket.refilledAt = now;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
