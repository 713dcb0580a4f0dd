import { Backoff } from '../process/backoff';
import type { IngestSummary, RawMessage } from '../store/ingest-messages';

export interface BatcherOptions {
  /** Flush when this many messages wait... */
  maxMessages: number;
  /** ...or when the oldest has waited this long, whichever comes first. */
  maxDelayMs: number;
  /** After a failed commit (store down, disk full), try the same batch again after this... */
  retryDelayMs: number;
  /** ...doubling (with jitter) at each failure in a row up to this, so a full disk is not hammered. */
  maxRetryDelayMs?: number;
}

export const DEFAULT_BATCHING: BatcherOptions = {
  maxMessages: 2000,
  maxDelayMs: 5,
  retryDelayMs: 500,
  maxRetryDelayMs: 8000,
};

/**
 * Groups incoming messages into transactions: one commit at a time, in arrival order, so
 * acknowledgements go back to the broker in the order the messages came. A failed commit
 * keeps its messages (unacknowledged) and is retried; nothing is dropped here.
 */
export class IngestBatcher<T extends RawMessage> {
  private queue: T[] = [];
  private timer: NodeJS.Timeout | null = null;
  private committing = false;
  private stopped = false;
  private readonly retries: Backoff;

  constructor(
    private readonly commit: (messages: T[]) => Promise<IngestSummary>,
    private readonly committed: (messages: T[], summary: IngestSummary) => void,
    private readonly failed: (error: unknown, waiting: number) => void,
    private readonly options: BatcherOptions = DEFAULT_BATCHING,
  ) {
    const { retryDelayMs, maxRetryDelayMs = retryDelayMs } = options;
    this.retries = new Backoff({ firstMs: retryDelayMs, maxMs: maxRetryDelayMs });
  }

  get waiting(): number {
    return this.queue.length;
  }

  add(message: T): void {
    this.queue.push(message);
    if (this.queue.length >= this.options.maxMessages) this.flushSoon(0);
    else this.flushSoon(this.options.maxDelayMs);
  }

  /**
   * Waits until everything queued so far is committed, the batcher stops, or the deadline
   * passes: a store that is down must not hold a shutdown (the broker keeps what is not acked).
   */
  async drain(deadlineMs = Infinity): Promise<void> {
    const until = performance.now() + deadlineMs;
    while (!this.stopped && (this.queue.length > 0 || this.committing)) {
      if (performance.now() >= until) return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** The store is back: a commit waiting out its back-off is tried now. */
  retryNow(): void {
    if (this.stopped || this.committing || this.queue.length === 0) return;
    this.flushSoon(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private flushSoon(delayMs: number): void {
    if (this.stopped || this.committing) return;
    if (this.timer && delayMs > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), delayMs);
  }

  private async flush(): Promise<void> {
    this.timer = null;
    if (this.committing || this.stopped || this.queue.length === 0) return;
    this.committing = true;
    const batch = this.queue.slice(0, this.options.maxMessages);
    try {
      const summary = await this.commit(batch);
      this.retries.reset();
      this.queue.splice(0, batch.length);
      this.committing = false;
      this.committed(batch, summary);
      if (this.queue.length)
        this.flushSoon(this.queue.length >= this.options.maxMessages ? 0 : this.options.maxDelayMs);
    } catch (error) {
      this.committing = false;
      this.failed(error, this.queue.length);
      if (!this.stopped) this.timer = setTimeout(() => void this.flush(), this.retries.next());
    }
  }
}
