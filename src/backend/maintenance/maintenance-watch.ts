import type { StoreClient } from '../store/store-client';

const EVERY_MS = 60_000;

/**
 * Once a minute, has the store compare every machine's usage with its service plan and
 * project its temperature, raising or clearing the maintenance and prediction alerts.
 */
export class MaintenanceWatch {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: StoreClient,
    private readonly horizonMinutes: () => number,
    private readonly log: (line: string) => void,
    private readonly now: () => number,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.evaluate(), EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async evaluate(): Promise<void> {
    try {
      await this.store.evaluateMaintenance(this.now(), this.horizonMinutes() * 60_000);
    } catch (error) {
      // The store may be restarting; the next minute tries again.
      this.log(`maintenance check failed: ${String(error)}`);
    }
  }
}
