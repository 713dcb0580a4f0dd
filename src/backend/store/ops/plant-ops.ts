import type { Line, Machine } from '../../../shared/contract';
import type { Actor } from './types';
import type { StoreContext } from './context';

/** Lines and machines of the plant. */
export function plantOps(ctx: StoreContext) {
  return {
    listPlant: ctx.plant.list.bind(ctx.plant),

    /** The machines of a simulator run, registered ahead of its first message and marked. */
    registerSimulatedMachines(
      machines: { lineId: string; machineId: string }[],
      actor: Actor,
      nowMs: number,
    ): { added: number } {
      return ctx.tx(() => {
        const added = ctx.plant.registerSimulated(
          machines,
          new Date(nowMs).toISOString(),
          (lineId, machineId) => ctx.limitTemplates.applyDefaults(lineId, machineId, nowMs),
        );
        if (added > 0)
          ctx.events.append({
            type: 'plant.simulated_registered',
            actor: actor.username,
            target: 'simulator',
            message: `${actor.username} started a simulator run: ${added} machines registered as simulated`,
            details: { machines: machines.map((m) => m.machineId) },
          });
        return { added };
      });
    },

    renameLine(lineId: string, name: string, actor: Actor): Line {
      return ctx.tx(() => {
        const line = ctx.plant.renameLine(lineId, name);
        ctx.events.append({
          type: 'plant.line_renamed',
          actor: actor.username,
          target: lineId,
          lineId,
          message: `${actor.username} renamed line ${lineId} to "${name}"`,
        });
        return line;
      });
    },

    saveMachine(
      lineId: string,
      machineId: string,
      name: string | undefined,
      actor: Actor,
    ): Machine {
      return ctx.tx(() => {
        const machine = ctx.plant.saveMachine(lineId, machineId, name, ctx.clock.nowIso());
        ctx.events.append({
          type: 'plant.machine_saved',
          actor: actor.username,
          target: machineId,
          lineId,
          machineId,
          message: `${actor.username} saved machine ${machineId} (${machine.name}) on line ${lineId}`,
        });
        return machine;
      });
    },
  };
}
