import type { CommandName, CommandRecord, MachineSnapshot } from '../../../shared/contract';
import type { HourFigures } from '../../scoring/oee';
import type { MinutePoint } from '../rollups-store';
import type { Actor } from './types';
import type { StoreContext } from './context';
import { stationDetail, whoAt } from '../actor-text';

/** Machines, their states and commands, OEE inputs and telemetry history. */
export function machinesOps(ctx: StoreContext) {
  return {
    machineSnapshots: ctx.machines.snapshots.bind(ctx.machines),

    configureMachine(
      machineId: string,
      patch: { name?: string; heartbeatTimeoutS?: number; idealCycleTimeS?: number | null },
      actor: Actor,
    ): MachineSnapshot {
      return ctx.tx(() => {
        const snapshot = ctx.machines.configure(machineId, patch);
        ctx.events.append({
          type: 'plant.machine_configured',
          actor: actor.username,
          target: machineId,
          lineId: snapshot.lineId,
          machineId,
          message: `${whoAt(actor.username, actor.station)} configured machine ${machineId}`,
          details: { ...patch, ...stationDetail(actor.station) },
        });
        return snapshot;
      });
    },

    /** Marks machines offline that Linewatch has not heard from within their heartbeat timeout. */
    markOffline(machineIds: string[], nowMs: number): string[] {
      return ctx.tx(() =>
        machineIds.filter((machineId) => {
          const recorded = ctx.machines.recordState(
            machineId,
            'offline',
            'no message within the heartbeat timeout',
            nowMs,
          );
          if (recorded) {
            ctx.usage.stored(machineId, nowMs);
            ctx.events.append({
              type: 'machine.offline',
              target: machineId,
              machineId,
              message: `Machine ${machineId} is offline: no message within its heartbeat timeout`,
            });
            ctx.evaluateAlerts(() => ctx.alertRules.machineOffline(machineId, nowMs));
          }
          return recorded;
        }),
      );
    },

    /** The per-hour sums OEE is computed from, and each machine's ideal cycle time. */
    oeeInputs(
      fromMs: number,
      toMs: number,
      machines: string[] | null,
    ): { hours: HourFigures[]; idealCycleS: Map<string, number | null> } {
      return {
        hours: ctx.oee.hourFigures(fromMs, toMs, machines, ctx.clock.nowMs()),
        idealCycleS: ctx.oee.idealCycleTimes(),
      };
    },

    downtime: ctx.machines.downtime.bind(ctx.machines),

    statePeriods: ctx.machines.timeline.bind(ctx.machines),

    createCommand(
      command: {
        id: string;
        machineId: string;
        command: CommandName;
        args: Record<string, unknown>;
      },
      actor: Actor,
    ): CommandRecord {
      return ctx.tx(() => {
        const record = ctx.commands.create(command, actor.username, ctx.clock.nowMs());
        ctx.events.append({
          type: 'command.sent',
          actor: actor.username,
          target: record.machineId,
          lineId: record.lineId,
          machineId: record.machineId,
          message: `${whoAt(actor.username, actor.station)} sent ${record.command} to ${record.machineId} (${record.id.slice(0, 8)})`,
          details: { commandId: record.id, args: record.args, ...stationDetail(actor.station) },
        });
        return record;
      });
    },

    expireCommands(deadlineMs: number): CommandRecord[] {
      return ctx.tx(() => {
        const expired = ctx.commands.expire(deadlineMs);
        for (const record of expired) {
          ctx.events.append({
            type: 'command.timed_out',
            actor: record.issuedBy,
            target: record.machineId,
            lineId: record.lineId,
            machineId: record.machineId,
            message: `${record.machineId} did not answer ${record.command} (${record.id.slice(0, 8)}) in time`,
          });
        }
        return expired;
      });
    },

    listCommands: ctx.commands.list.bind(ctx.commands),

    metricHistory(
      machineId: string,
      metric: string,
      fromMs: number,
      toMs: number,
    ): { metrics: string[]; points: MinutePoint[] } {
      return {
        metrics: ctx.rollups.metricsOf(machineId),
        points: ctx.rollups.history(machineId, metric, fromMs, toMs),
      };
    },
  };
}
