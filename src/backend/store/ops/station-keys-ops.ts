import type { StationKey } from '../../../shared/contract';
import type { NewEvent } from '../events-store';
import type { NewStationKeyRow } from '../station-keys-store';
import type { StoreContext } from './context';

/** Station keys (the rules are in src/backend/station-keys). */
export function stationKeysOps(ctx: StoreContext) {
  return {
    listStationKeys: ctx.stationKeys.list.bind(ctx.stationKeys),

    findStationKey: ctx.stationKeys.findByHash.bind(ctx.stationKeys),

    createStationKey(key: NewStationKeyRow, event: NewEvent): StationKey {
      return ctx.tx(() => {
        const created = ctx.stationKeys.create(key);
        ctx.events.append({ ...event, details: { ...event.details, stationKeyId: created.id } });
        return created;
      });
    },

    /** Revokes a key with its event (none when it was revoked already); null: no such key. */
    revokeStationKey(
      id: number,
      nowMs: number,
      event: NewEvent & { actor: string },
    ): StationKey | null {
      return ctx.tx(() => {
        const result = ctx.stationKeys.revoke(id, nowMs, event.actor);
        if (result?.changed) ctx.events.append(event);
        return result?.key ?? null;
      });
    },

    /** The (throttled) "used" event, with the key's last-used time. */
    recordStationKeyUse(id: number, nowMs: number, event: NewEvent): void {
      ctx.tx(() => {
        ctx.stationKeys.markUsed(id, nowMs);
        ctx.events.append(event);
      });
    },
  };
}
