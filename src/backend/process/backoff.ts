/**
 * One back-off rule for everything that retries: restarts of background processes, the
 * MQTT reconnects, ingest commits that failed. The delay doubles from `firstMs` up to `maxMs`,
 * and "equal jitter" spreads it over its upper half, so retries of many clients (or of
 * processes that died together) do not fall on the same instant.
 */
export interface BackoffOptions {
  firstMs: number;
  maxMs: number;
  /** 0 (no jitter) to 1 (anywhere in [0, delay]); 0.5 by default. */
  jitter?: number;
  /** Injected randomness for tests; Math.random otherwise. */
  random?: () => number;
}

/** The delay before retry number `attempt` (0 is the first retry). */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const { firstMs, maxMs, jitter = 0.5, random = Math.random } = options;
  const ceiling = Math.min(maxMs, firstMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling * (1 - jitter) + ceiling * jitter * random());
}

/** A back-off that counts its own failures in a row. */
export class Backoff {
  private attempt = 0;

  constructor(private readonly options: BackoffOptions) {}

  /** The delay before the next retry; each call counts one more failure. */
  next(): number {
    const delay = backoffDelay(this.attempt, this.options);
    this.attempt += 1;
    return delay;
  }

  /** The upper bound of the next delay (for "next try in up to N s" texts). */
  peekCeiling(): number {
    return Math.min(this.options.maxMs, this.options.firstMs * 2 ** Math.min(this.attempt, 30));
  }

  get failures(): number {
    return this.attempt;
  }

  reset(): void {
    this.attempt = 0;
  }
}
