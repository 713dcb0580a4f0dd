import type { MachineSnapshot } from '../../shared/contract';
import type { MachineUpdate } from '../store/ingest-messages';
import type { StoreClient } from '../store/store-client';

/** How often silent machines are looked for. */
const CHECK_EVERY_MS = 5_000;

/**
 * The live picture of every machine: the store's snapshot at start, then each committed
 * batch's updates. Publishes changed machines (coalesced by the live hub), and marks a
 * machine offline when nothing came from it within its heartbeat timeout.
 */
export class MachineMonitor {
  private readonly snapshots = new Map<string, MachineSnapshot>();
  private timer: NodeJS.Timeout | null = null;
  private checking = false;

  constructor(
    private readonly store: StoreClient,
    private readonly publish: (snapshot: MachineSnapshot) => void,
    private readonly now: () => number,
  ) {}

  async start(): Promise<void> {
    await this.reload();
    this.timer = setInterval(() => void this.markSilentMachinesOffline(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  list(): MachineSnapshot[] {
    return [...this.snapshots.values()];
  }

  /** Re-reads everything (new machines, renamed machines, changed heartbeat timeouts). */
  async reload(): Promise<void> {
    for (const snapshot of await this.store.machineSnapshots()) {
      this.snapshots.set(snapshot.machineId, snapshot);
    }
  }

  /** After a restore: forgets machines the restored database does not know, then re-reads. */
  async reset(): Promise<void> {
    this.snapshots.clear();
    await this.reload();
  }

  replace(snapshot: MachineSnapshot): void {
    this.snapshots.set(snapshot.machineId, snapshot);
    this.publish(snapshot);
  }

  apply(updates: MachineUpdate[]): void {
    for (const update of updates) {
      const before = this.snapshots.get(update.machineId) ?? {
        machineId: update.machineId,
        lineId: update.lineId,
        name: update.machineId,
        state: null,
        stateSince: null,
        reason: null,
        temperature: null,
        unitsProduced: null,
        lastSeenAt: null,
        heartbeatTimeoutS: 60,
      };
      const next: MachineSnapshot = {
        ...before,
        lastSeenAt: new Date(update.lastSeenMs).toISOString(),
      };
      if (update.state !== undefined && update.stateMs !== undefined) {
        const newer = before.stateSince === null || update.stateMs >= Date.parse(before.stateSince);
        if (newer) {
          next.state = update.state;
          next.stateSince = new Date(update.stateMs).toISOString();
          next.reason = update.reason ?? null;
        }
      } else if (before.state === 'offline') {
        // A machine that speaks again is no longer offline; its next state message says what it is.
        next.state = null;
        next.reason = null;
      }
      if (update.temperature !== undefined) next.temperature = update.temperature;
      if (update.unitsProduced !== undefined) next.unitsProduced = update.unitsProduced;
      this.snapshots.set(update.machineId, next);
      this.publish(next);
    }
  }

  private async markSilentMachinesOffline(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      const now = this.now();
      const silent = this.list().filter(
        (snapshot) =>
          snapshot.state !== 'offline' &&
          snapshot.lastSeenAt !== null &&
          now - Date.parse(snapshot.lastSeenAt) > snapshot.heartbeatTimeoutS * 1000,
      );
      if (silent.length === 0) return;
      const marked = await this.store.markOffline(
        silent.map((snapshot) => snapshot.machineId),
        now,
      );
      for (const machineId of marked) {
        const snapshot = this.snapshots.get(machineId);
        if (!snapshot) continue;
        this.replace({
          ...snapshot,
          state: 'offline',
          stateSince: new Date(now).toISOString(),
          reason: 'no message within the heartbeat timeout',
        });
      }
    } catch {
      // The store may be restarting; the next check tries again.
    } finally {
      this.checking = false;
    }
  }
}
