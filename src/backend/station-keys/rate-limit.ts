/** How fast one station key may post. */
export interface StationRateLimits {
  /** Requests per second, sustained, and the burst allowed on top. */
  requestsPerSecond: number;
  requestBurst: number;
  /** Test results per second, sustained, and the burst (at least one full 10,000-item array). */
  itemsPerSecond: number;
  itemBurst: number;
}

export const DEFAULT_STATION_RATE_LIMITS: StationRateLimits = {
  requestsPerSecond: 10,
  requestBurst: 20,
  itemsPerSecond: 2_000,
  itemBurst: 20_000,
};

/** A token bucket: `capacity` tokens, refilled at `perSecond`; time comes from the caller. */
class TokenBucket {
  private tokens: number;
  private lastMs: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    nowMs: number,
  ) {
    this.tokens = capacity;
    this.lastMs = nowMs;
  }

  /** Seconds until `count` tokens are there (0: they are there now). */
  waitFor(count: number, nowMs: number): number {
    this.tokens = Math.min(
      this.capacity,
      this.tokens + (Math.max(0, nowMs - this.lastMs) / 1000) * this.perSecond,
    );
    this.lastMs = nowMs;
    if (count <= this.tokens) return 0;
    if (count > this.capacity) return Infinity;
    return (count - this.tokens) / this.perSecond;
  }

  take(count: number): void {
    this.tokens -= count;
  }
}

/**
 * Per-key limits on requests and on test results, so one station (or a leaked key) cannot
 * starve ingest for the rest of the plant. A refused request takes nothing from the buckets.
 */
export class StationRateLimiter {
  private readonly buckets = new Map<number, { requests: TokenBucket; items: TokenBucket }>();

  constructor(
    private readonly limits: StationRateLimits,
    private readonly now: () => number,
  ) {}

  /** Takes one request and `items` results; or says in how many seconds to come back. */
  take(keyId: number, items: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const nowMs = this.now();
    let bucket = this.buckets.get(keyId);
    if (!bucket) {
      bucket = {
        requests: new TokenBucket(this.limits.requestBurst, this.limits.requestsPerSecond, nowMs),
        items: new TokenBucket(this.limits.itemBurst, this.limits.itemsPerSecond, nowMs),
      };
      this.buckets.set(keyId, bucket);
    }
    const wait = Math.max(bucket.requests.waitFor(1, nowMs), bucket.items.waitFor(items, nowMs));
    if (wait > 0) {
      // An array larger than the burst could never pass: say when the bucket is full again.
      const seconds = Number.isFinite(wait)
        ? wait
        : this.limits.itemBurst / this.limits.itemsPerSecond;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(seconds)) };
    }
    bucket.requests.take(1);
    bucket.items.take(items);
    return { ok: true };
  }
}
