import type { Alert } from '../../../shared/contract';
import { isUnacknowledged, thresholdMetricOf } from './alarm-priority';

/** What the Overview needs to know of one machine's active alerts. */
export interface MachineAlarms {
  /** Active alerts, acknowledged or not. */
  count: number;
  /** The worst, newest unacknowledged alert: the tile takes its look and shows its text. */
  worstUnacked: Alert | null;
  unacked: number;
  /** Metrics beyond a limit (threshold alerts), marked on the value itself. */
  metricsInAlarm: ReadonlySet<string>;
}

/** Active alerts per machine id, from the live active-alert list. */
export function machineAlarmsOf(alerts: readonly Alert[]): ReadonlyMap<string, MachineAlarms> {
  const byMachine = new Map<string, MachineAlarms & { metricsInAlarm: Set<string> }>();
  // `alerts` is worst and newest first, so the first unacknowledged one is the worst.
  for (const alert of alerts) {
    if (alert.machineId === null) continue;
    let entry = byMachine.get(alert.machineId);
    if (!entry) {
      entry = { count: 0, worstUnacked: null, unacked: 0, metricsInAlarm: new Set() };
      byMachine.set(alert.machineId, entry);
    }
    entry.count += 1;
    if (isUnacknowledged(alert)) {
      entry.unacked += 1;
      entry.worstUnacked ??= alert;
    }
    const metric = thresholdMetricOf(alert);
    if (metric !== null) entry.metricsInAlarm.add(metric);
  }
  return byMachine;
}
