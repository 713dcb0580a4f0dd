import type { StoreClient } from '../store/store-client';

const EVERY_MS = 60 * 60_000;

/**
 * Every hour (and once at start), trims raw telemetry past its retention (30 days by
 * default) and minute rollups past theirs (two years), a bounded batch at a time so ingest
 * never waits long on the one writer.
 */
export class RetentionJob {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: StoreClient,
    private readonly log: (line: string) => void,
    private readonly now: () => number,
  ) {}

  start(): void {
    void this.run();
    this.timer = setInterval(() => void this.run(), EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async run(): Promise<void> {
    try {
      // Repeat while full batches come back, so a backlog clears within one run.
      for (let round = 0; round < 100; round++) {
        const removed = await this.store.applyRetention(this.now());
        if (removed.raw < 50_000 && removed.rollups < 50_000) break;
      }
    } catch (error) {
      this.log(`retention failed: ${String(error)}`);
    }
  }
}
