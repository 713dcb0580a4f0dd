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
  /**
   * Batches handed to the store at once: with 2 the next batch is gathered and sent while the
   * store commits the current one, so the store never waits for the backend between batches.
   */
  maxInFlight?: number;
}

export const DEFAULT_BATCHING: BatcherOptions = {
  maxMessages: 2000,
  maxDelayMs: 5,
  retryDelayMs: 500,
  maxRetryDelayMs: 8000,
  maxInFlight: 2,
};

interface InFlight<T> {
  batch: T[];
  /** `sent`: the store has not answered yet. A batch is reported only after those before it. */
  state: 'sent' | 'committed' | 'failed';
  summary?: IngestSummary;
  error?: unknown;
}

/**
 * Groups incoming messages into transactions, in arrival order. Up to `maxInFlight` batches
 * are at the store at once (the store commits them one after the other, in the order sent);
 * each is reported committed only after every batch before it, so acknowledgements go back to
 * the broker in the order the messages came. A failed commit keeps its messages
 * (unacknowledged) and is retried before anything after it is reported; nothing is dropped.
 */
export class IngestBatcher<T extends RawMessage> {
  private queue: T[] = [];
  private readonly inFlight: InFlight<T>[] = [];
  private timer: NodeJS.Timeout | null = null;
  /** The front batch failed and waits out its back-off: nothing new is sent meanwhile. */
  private retrying = false;
  private stopped = false;
  private readonly retries: Backoff;
  private readonly maxInFlight: number;

  constructor(
    private readonly commit: (messages: T[]) => Promise<IngestSummary>,
    private readonly committed: (messages: T[], summary: IngestSummary) => void,
    private readonly failed: (error: unknown, waiting: number) => void,
    private readonly options: BatcherOptions = DEFAULT_BATCHING,
  ) {
    const { retryDelayMs, maxRetryDelayMs = retryDelayMs } = options;
    this.retries = new Backoff({ firstMs: retryDelayMs, maxMs: maxRetryDelayMs });
    this.maxInFlight = Math.max(1, options.maxInFlight ?? 1);
  }

  /** Messages received and not yet reported committed (queued or at the store). */
  get waiting(): number {
    let count = this.queue.length;
    for (const sent of this.inFlight) count += sent.batch.length;
    return count;
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
    while (!this.stopped && (this.queue.length > 0 || this.inFlight.length > 0)) {
      if (performance.now() >= until) return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** The store is back: a commit waiting out its back-off is tried now. */
  retryNow(): void {
    if (this.stopped) return;
    if (this.retrying) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.resendFailed();
      return;
    }
    if (this.inFlight.length === 0 && this.queue.length > 0) this.flushSoon(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private flushSoon(delayMs: number): void {
    if (this.stopped || this.retrying || this.inFlight.length >= this.maxInFlight) return;
    if (this.timer && delayMs > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.sendWhatWaits();
    }, delayMs);
  }

  /** Hands the store as many batches as it may hold now. */
  private sendWhatWaits(): void {
    while (
      !this.stopped &&
      !this.retrying &&
      this.inFlight.length < this.maxInFlight &&
      this.queue.length > 0
    ) {
      const sent: InFlight<T> = {
        batch: this.queue.splice(0, this.options.maxMessages),
        state: 'sent',
      };
      this.inFlight.push(sent);
      this.send(sent);
    }
  }

  private send(sent: InFlight<T>): void {
    sent.state = 'sent';
    this.commit(sent.batch).then(
      (summary) => {
        sent.state = 'committed';
        sent.summary = summary;
        this.settle();
      },
      (error: unknown) => {
        sent.state = 'failed';
        sent.error = error;
        this.settle();
      },
    );
  }

  /** Reports the answered batches at the front, in the order they were sent. */
  private settle(): void {
    for (let front = this.inFlight[0]; front; front = this.inFlight[0]) {
      if (front.state === 'sent') break;
      if (front.state === 'failed') {
        // Kept, unacknowledged: batches behind it (committed or not) wait until it is.
        if (this.retrying) return;
        this.retrying = true;
        this.failed(front.error, this.waiting);
        if (!this.stopped) {
          this.timer = setTimeout(() => {
            this.timer = null;
            this.resendFailed();
          }, this.retries.next());
        }
        return;
      }
      this.inFlight.shift();
      this.retries.reset();
      this.committed(front.batch, front.summary!);
    }
    // What arrived meanwhile goes now: the store should not wait for the gathering delay.
    if (this.queue.length > 0 && this.inFlight.length < this.maxInFlight) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.sendWhatWaits();
    }
  }

  /** Sends every failed batch again, in order; those still at the store are left alone. */
  private resendFailed(): void {
    if (this.stopped) return;
    this.retrying = false;
    for (const sent of this.inFlight) if (sent.state === 'failed') this.send(sent);
  }
}
