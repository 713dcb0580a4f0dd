import type { StoreClient } from '../store/store-client';
import { brokerAlertDue, isConnectionLost, type BrokerState } from './rules/broker-outage';

/** How often time-driven alert duties run. */
const TICK_MS = 1_000;

/**
 * The alert duties that depend on time rather than on data, run in the backend with its
 * clock: shelvings expire, and a broker connection lost for longer than the grace raises
 * the critical alert (cleared at once on reconnect). The rules themselves are in rules/.
 */
export class AlertClock {
  private timer: NodeJS.Timeout | null = null;
  private lostSinceMs: number | null = null;
  private brokerAlertRaised = false;
  private broker = { url: '', detail: '' };
  private ticking = false;

  constructor(
    private readonly store: StoreClient,
    private readonly now: () => number,
    private readonly log: (line: string) => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** IngestService reports each change of the broker connection here. */
  brokerState(state: BrokerState, url: string, detail: string): void {
    this.broker = { url, detail };
    if (isConnectionLost(state)) {
      this.lostSinceMs ??= this.now();
      return;
    }
    this.lostSinceMs = null;
    // Cleared on every connect, also one raised before a restart of Linewatch (a no-op if none).
    if (state === 'connected') {
      this.brokerAlertRaised = false;
      void this.store
        .brokerConnection(false, url, detail, this.now())
        .catch((error: unknown) => this.log(`could not clear the broker alert: ${String(error)}`));
    }
  }

  /** One round of duties; public so tests and the list handler need not wait for the timer. */
  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const now = this.now();
      await this.store.expireAlertShelves(now);
      if (!this.brokerAlertRaised && brokerAlertDue(this.lostSinceMs, now)) {
        this.brokerAlertRaised = true;
        await this.store.brokerConnection(true, this.broker.url, this.broker.detail, now);
      }
    } catch (error) {
      // The store may be restarting; the next tick tries again.
      this.log(`alert clock: ${String(error)}`);
    } finally {
      this.ticking = false;
    }
  }
}
