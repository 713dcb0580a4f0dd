import { useMemo } from 'react';
import type { Alert } from '../../../shared/contract';
import { machineAlarmsOf, type MachineAlarms } from '../lib/machine-alarms';
import { useActiveAlerts } from './use-active-alerts';

export type { MachineAlarms } from '../lib/machine-alarms';

/** Active alerts per machine id, first from 'alerts.list', then kept by 'alerts.changed'. */
export function useMachineAlarms(): {
  alerts: readonly Alert[];
  byMachine: ReadonlyMap<string, MachineAlarms>;
} {
  const { alerts } = useActiveAlerts();
  const byMachine = useMemo(() => machineAlarmsOf(alerts), [alerts]);
  return { alerts, byMachine };
}

/** Active alerts per machine id (a count). */
export function useActiveAlertCounts(): ReadonlyMap<string, number> {
  const { byMachine } = useMachineAlarms();
  return useMemo(
    () => new Map([...byMachine].map(([id, alarms]) => [id, alarms.count] as const)),
    [byMachine],
  );
}
