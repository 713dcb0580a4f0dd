import type { Alert, Threshold, ThresholdInput } from '../../../shared/contract';
import type { Actor } from './types';
import type { StoreContext } from './context';
import { brokerCondition } from '../../alerts/rules/conditions';
import { whoAt } from '../actor-text';

/** Alerts (lifecycle, broker connection) and alarm limits. */
export function alertsOps(ctx: StoreContext) {
  return {
    listAlerts: ctx.alerts.list.bind(ctx.alerts),

    getAlert: ctx.alerts.get.bind(ctx.alerts),

    acknowledgeAlert(id: number, comment: string | undefined, actor: Actor, nowMs: number): Alert {
      return ctx.tx(() =>
        ctx.alerts.acknowledge(id, actor.username, comment, nowMs, actor.station),
      );
    },

    shelveAlert(id: number, untilMs: number, reason: string, actor: Actor, nowMs: number): Alert {
      return ctx.tx(() =>
        ctx.alerts.shelve(id, untilMs, actor.username, reason, nowMs, actor.station),
      );
    },

    unshelveAlert(id: number, actor: Actor): Alert {
      return ctx.tx(() =>
        ctx.alerts.unshelve(id, actor.username, `by ${whoAt(actor.username, actor.station)}`),
      );
    },

    resolveAlert(id: number, reason: string, actor: Actor, nowMs: number): Alert {
      return ctx.tx(() => ctx.alerts.resolve(id, actor.username, reason, nowMs, actor.station));
    },

    setAlertOutOfService(id: number, outOfService: boolean, reason: string, actor: Actor): Alert {
      return ctx.tx(() =>
        ctx.alerts.setOutOfService(id, outOfService, actor.username, reason, actor.station),
      );
    },

    /** Ends shelvings whose time is up (the backend's clock decides); returns how many. */
    expireAlertShelves(nowMs: number): number {
      return ctx.tx(() => ctx.alerts.expireShelves(nowMs));
    },

    /** The broker connection was lost (for longer than the grace) or is back. */
    brokerConnection(lost: boolean, brokerUrl: string, detail: string, nowMs: number): void {
      ctx.tx(() => {
        const condition = brokerCondition(brokerUrl, detail);
        if (lost) ctx.alerts.raise(condition, nowMs);
        else ctx.alerts.returnToNormal(condition.key, nowMs);
      });
    },

    listThresholds: ctx.thresholds.listThresholds.bind(ctx.thresholds),

    saveThreshold(input: ThresholdInput, actor: Actor, nowMs: number): Threshold {
      return ctx.tx(() => {
        const saved = ctx.thresholds.saveThreshold(input, actor.username, nowMs, actor.station);
        ctx.alertRules.thresholdsChanged(input.machineId, input.metric, nowMs);
        return saved;
      });
    },
  };
}
