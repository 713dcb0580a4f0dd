import { useMemo } from 'react';
import type { MachineSnapshot } from '../../../../shared/contract';
import { BrokerStatusStrip } from '../../components/BrokerStatusStrip';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeader } from '../../components/PageHeader';
import { useActiveAlertCounts } from '../../hooks/use-active-alert-counts';
import { useMachineSnapshots } from '../../hooks/use-machine-snapshots';
import { useNow } from '../../hooks/use-now';
import { StateSummary } from './StateSummary';
import { MachineTile } from './MachineTile';

/** The plant as lines of machine tiles, live. */
export function OverviewPage() {
  const { machines, loaded, error } = useMachineSnapshots();
  const alertCounts = useActiveAlertCounts();
  const now = useNow();
  const lines = useMemo(() => groupByLine(machines), [machines]);
  return (
    <section aria-labelledby="page-title" data-testid="page-overview">
      <PageHeader title="Overview">
        <StateSummary machines={machines} />
      </PageHeader>
      <BrokerStatusStrip />
      <ErrorMessage error={error} />
      {loaded && machines.length === 0 && (
        <p className="empty-state">
          No machines yet. They appear here as soon as they send their first message.
        </p>
      )}
      {lines.map(([lineId, lineMachines]) => (
        <section key={lineId} className="line-row" aria-label={`Line ${lineId}`}>
          <h2 className="line-title">Line {lineId}</h2>
          <div className="tile-grid">
            {lineMachines.map((machine) => (
              <MachineTile
                key={machine.machineId}
                machine={machine}
                activeAlerts={alertCounts.get(machine.machineId) ?? 0}
                nowMs={now}
              />
            ))}
          </div>
        </section>
      ))}
    </section>
  );
}

function groupByLine(machines: readonly MachineSnapshot[]): [string, MachineSnapshot[]][] {
  const lines = new Map<string, MachineSnapshot[]>();
  for (const machine of machines) {
    const list = lines.get(machine.lineId) ?? [];
    list.push(machine);
    lines.set(machine.lineId, list);
  }
  return [...lines.entries()];
}
