import type { MaintenanceStatus, MaintenanceTask } from '../../../shared/contract';
import type { Actor } from './types';
import type { StoreContext } from './context';
import { maintenanceCondition, predictionCondition } from '../../alerts/rules/conditions';
import { stationDetail, whoAt } from '../actor-text';

/** Maintenance plans, tasks and their alerts. */
export function maintenanceOps(ctx: StoreContext) {
  return {
    maintenanceStatus: ctx.maintenance.status.bind(ctx.maintenance),

    saveMaintenancePlan(
      machineId: string,
      plan: {
        intervalRunHours: number | null;
        intervalUnits: number | null;
        lastServiceAt?: string;
      },
      actor: Actor,
      nowMs: number,
    ): MaintenanceStatus {
      return ctx.tx(() => {
        const lastServiceMs = plan.lastServiceAt
          ? Date.parse(plan.lastServiceAt)
          : (ctx.maintenance.lastServiceMs(machineId) ?? nowMs);
        ctx.maintenance.savePlan(machineId, { ...plan, lastServiceMs }, actor.username, nowMs);
        ctx.events.append({
          type: 'maintenance.plan_saved',
          actor: actor.username,
          target: machineId,
          machineId,
          message: `${whoAt(actor.username, actor.station)} set the service interval of ${machineId}: ${plan.intervalRunHours ?? '—'} run hours, ${plan.intervalUnits ?? '—'} units`,
          details: stationDetail(actor.station),
        });
        return ctx.maintenance.status([machineId], nowMs)[0]!;
      });
    },

    maintenanceTasks: ctx.maintenance.tasks.bind(ctx.maintenance),

    maintenanceTask: ctx.maintenance.task.bind(ctx.maintenance),

    scheduleMaintenance(
      task: { machineId: string; title: string; notes?: string; dueAt?: string },
      actor: Actor,
      nowMs: number,
    ): MaintenanceTask {
      return ctx.tx(() => {
        const created = ctx.maintenance.scheduleTask(task, actor.username, nowMs);
        ctx.events.append({
          type: 'maintenance.task_scheduled',
          actor: actor.username,
          target: `task ${created.id}`,
          lineId: created.lineId,
          machineId: created.machineId,
          message: `${whoAt(actor.username, actor.station)} scheduled "${created.title}" on ${created.machineId}`,
          details: stationDetail(actor.station),
        });
        return created;
      });
    },

    updateMaintenanceTask(
      id: number,
      change: { action: 'start' | 'complete'; notes?: string; resetsInterval: boolean },
      actor: Actor,
      nowMs: number,
    ): MaintenanceTask {
      return ctx.tx(() => {
        const task =
          change.action === 'start'
            ? ctx.maintenance.startTask(id, actor.username, nowMs)
            : ctx.maintenance.completeTask(id, actor.username, change.notes ?? null, nowMs);
        if (change.action === 'complete' && change.resetsInterval) {
          const current = ctx.maintenance.status([task.machineId], nowMs)[0];
          if (current?.plan) {
            ctx.maintenance.savePlan(
              task.machineId,
              { ...current.plan, lastServiceMs: nowMs },
              actor.username,
              nowMs,
            );
            ctx.alerts.returnToNormal(`maintenance:${task.machineId}`, nowMs);
          }
        }
        ctx.events.append({
          type:
            change.action === 'start' ? 'maintenance.task_started' : 'maintenance.task_completed',
          actor: actor.username,
          target: `task ${task.id}`,
          lineId: task.lineId,
          machineId: task.machineId,
          message: `${whoAt(actor.username, actor.station)} ${change.action === 'start' ? 'started' : 'completed'} "${task.title}" on ${task.machineId}${change.notes ? `: ${change.notes}` : ''}`,
          details: stationDetail(actor.station),
        });
        return task;
      });
    },

    /** Raises or clears the maintenance-due and predicted-crossing alerts of every machine. */
    evaluateMaintenance(nowMs: number, horizonMs: number): void {
      const statuses = ctx.maintenance.status(null, nowMs, { planned: true });
      ctx.tx(() => {
        for (const status of statuses) {
          const place = { lineId: status.lineId, machineId: status.machineId };
          if (status.status === 'due' || status.status === 'overdue') {
            ctx.alerts.raise(maintenanceCondition(place, status.status), nowMs);
          } else {
            ctx.alerts.returnToNormal(`maintenance:${status.machineId}`, nowMs);
          }
          const prediction = status.prediction;
          const soon =
            prediction?.reachesAt !== null &&
            prediction?.reachesAt !== undefined &&
            Date.parse(prediction.reachesAt) - nowMs <= horizonMs;
          if (soon && prediction) {
            ctx.alerts.raise(predictionCondition(place, prediction.text, prediction.limit), nowMs);
          } else {
            ctx.alerts.returnToNormal(`prediction:${status.machineId}:temperature`, nowMs);
          }
        }
      });
    },
  };
}
