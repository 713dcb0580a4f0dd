import type { Database } from 'better-sqlite3';
import { StoreContext } from './ops/context';
import { accountsOps } from './ops/accounts-ops';
import { alertsOps } from './ops/alerts-ops';
import { eventsOps } from './ops/events-ops';
import { handoverOps } from './ops/handover-ops';
import { ingestOps } from './ops/ingest-ops';
import { limitTemplatesOps } from './ops/limit-templates-ops';
import { machinesOps } from './ops/machines-ops';
import { maintenanceOps } from './ops/maintenance-ops';
import { plantOps } from './ops/plant-ops';
import { qualityOps } from './ops/quality-ops';
import { reportExportsOps } from './ops/report-exports-ops';
import { sessionsOps } from './ops/sessions-ops';
import { settingsOps } from './ops/settings-ops';
import { stationKeysOps } from './ops/station-keys-ops';
import { storageOps } from './ops/storage-ops';
import { sparkplugOps } from './ops/sparkplug-ops';
import type { StoreNotice } from './ops/types';
import type { StoreClock } from './store-clock';

export type { Actor, ProcessEnd, RestoreOutcome, StoreNotice } from './ops/types';

/**
 * The registry of every operation on the database, the one object the store process serves
 * over RPC (store-process.ts dispatches `op` names to it). Each operation is one
 * transaction: the change and the event that records it commit together or not at all. The
 * operations live per domain in ./ops; the backend reaches them through StoreClient, which
 * mirrors them as promises.
 */
export function createStore(
  db: Database,
  notify: (notice: StoreNotice) => void,
  clock?: StoreClock,
) {
  const ctx = new StoreContext(db, notify, clock);
  return {
    ...settingsOps(ctx),
    ...storageOps(ctx),
    ...reportExportsOps(ctx),
    ...sessionsOps(ctx),
    ...accountsOps(ctx),
    ...eventsOps(ctx),
    ...ingestOps(ctx),
    ...stationKeysOps(ctx),
    ...machinesOps(ctx),
    ...maintenanceOps(ctx),
    ...qualityOps(ctx),
    ...alertsOps(ctx),
    ...limitTemplatesOps(ctx),
    ...plantOps(ctx),
    ...handoverOps(ctx),
    ...sparkplugOps(ctx),
  };
}

/** The store as the store process runs it: every operation, by name. */
export type Store = ReturnType<typeof createStore>;

/** The operations a StoreClient can call: every operation of the registry. */
export type StoreOps = {
  [K in keyof Store as Store[K] extends (...args: never[]) => unknown ? K : never]: Store[K];
};

/** Whether `op` names an operation of the registry (and not something inherited). */
export function isStoreOp(store: Store, op: string): op is keyof StoreOps {
  return Object.hasOwn(store, op) && typeof (store as Record<string, unknown>)[op] === 'function';
}
