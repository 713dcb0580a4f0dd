import { HandoversStore, type NewHandover, type StoredHandover } from '../handovers-store';
import type { StoreContext } from './context';

/**
 * Shift handovers. The backend composes the open items (alarms, machines, maintenance) in the
 * writer's scope and checks who may read or sign; here each write and its event commit together.
 */
export function handoverOps(ctx: StoreContext) {
  const handovers = new HandoversStore(ctx.db);
  /** The event sits where the handover does: one machine's, or the line's. */
  const placeOf = (stored: StoredHandover) => ({
    lineId: stored.handover.lineId,
    machineId: stored.machines?.length === 1 ? stored.machines[0] : null,
  });
  return {
    handover: (id: number): StoredHandover | null => handovers.get(id),

    handovers: (lines: readonly string[] | null, limit: number): StoredHandover[] =>
      handovers.list(lines, limit),

    writeHandover(handover: NewHandover, nowMs: number): StoredHandover {
      return ctx.tx(() => {
        const stored = handovers.write(handover, nowMs);
        const { shift, openItems } = stored.handover;
        const at = handover.station ? ` at ${handover.station}` : '';
        ctx.events.append(
          {
            type: 'handover.written',
            actor: handover.by,
            target: `handover ${stored.handover.id}`,
            ...placeOf(stored),
            message: `${handover.by}${at} handed over line ${handover.lineId}, shift ${shift.name} of ${shift.plantDate}, with ${openItems.length} open ${openItems.length === 1 ? 'item' : 'items'}`,
          },
          new Date(nowMs).toISOString(),
        );
        return stored;
      });
    },

    signOffHandover(
      id: number,
      by: string,
      note: string | null,
      station: string | null,
      nowMs: number,
    ): StoredHandover | null {
      return ctx.tx(() => {
        const stored = handovers.signOff(id, by, note, nowMs);
        if (stored?.handover.signedOffBy !== by) return stored;
        const { lineId, shift, handedOverBy } = stored.handover;
        const at = station ? ` at ${station}` : '';
        ctx.events.append(
          {
            type: 'handover.signed',
            actor: by,
            target: `handover ${id}`,
            ...placeOf(stored),
            message: `${by}${at} took over line ${lineId} from ${handedOverBy} (shift ${shift.name} of ${shift.plantDate})`,
          },
          new Date(nowMs).toISOString(),
        );
        return stored;
      });
    },
  };
}
