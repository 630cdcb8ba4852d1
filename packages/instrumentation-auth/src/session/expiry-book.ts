/** Bounded: the oldest entries go first; a forgotten session's expiry is then reported as an unknown id. */
const CAPACITY = 10_000;

/**
 * When the sessions this process saw are due to expire. A store answers "no such session" alike for an id it
 * never had, one that was destroyed and one that timed out; this remembers which ids were only waiting to time
 * out. Memory only: nothing here is exported.
 */
export class ExpiryBook {
  private readonly expiries = new Map<string, number>();

  remember(id: string, expires: unknown): void {
    this.expiries.delete(id);
    if (!(expires instanceof Date)) return;
    this.expiries.set(id, expires.getTime());
    if (this.expiries.size > CAPACITY) this.expiries.delete(this.expiries.keys().next().value as string);
  }

  forget(id: string): void {
    this.expiries.delete(id);
  }

  /** Whether the session had timed out by now; forgets it either way (the store no longer has it). */
  takeTimedOut(id: string, now: number): boolean {
    const expires = this.expiries.get(id);
    this.expiries.delete(id);
    return expires !== undefined && expires <= now;
  }
}
