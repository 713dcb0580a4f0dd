import type { MachineSnapshot } from '../../../../shared/contract';
import { StateBadge } from '../../components/StateBadge';
import {
  formatAgo,
  formatCount,
  formatDuration,
  formatTemperature,
  secondsSince,
} from '../../lib/format';
import { shownState } from '../../lib/machine-state';
import { machineHash, useRoute } from '../../state/route-store';

interface MachineTileProps {
  machine: MachineSnapshot;
  activeAlerts: number;
  nowMs: number;
}

/** One machine at a glance; the whole tile is a link to its machine page. */
export function MachineTile({ machine, activeAlerts, nowMs }: MachineTileProps) {
  const openMachine = useRoute((state) => state.openMachine);
  const inState = secondsSince(machine.stateSince, nowMs);
  return (
    <a
      href={machineHash(machine.machineId)}
      className={`machine-tile tile-${shownState(machine.state)}`}
      data-testid="machine-tile"
      data-machine-id={machine.machineId}
      onClick={(event) => {
        event.preventDefault();
        openMachine(machine.machineId);
      }}
    >
      <span className="tile-head">
        <span className="tile-name">{machine.name}</span>
        {machine.name !== machine.machineId && (
          <span className="tile-id muted">{machine.machineId}</span>
        )}
      </span>
      <span className="tile-state">
        <StateBadge state={machine.state} large />
        <span className="tile-since">
          {inState === null ? '' : `for ${formatDuration(inState)}`}
        </span>
      </span>
      {machine.reason && <span className="tile-reason">{machine.reason}</span>}
      <span className="tile-metrics">
        <span className="metric">
          <span className="metric-label">Temperature</span>
          <span className="metric-value">{formatTemperature(machine.temperature)}</span>
        </span>
        <span className="metric">
          <span className="metric-label">Units</span>
          <span className="metric-value" data-testid="tile-units">
            {formatCount(machine.unitsProduced)}
          </span>
        </span>
      </span>
      <span className="tile-foot">
        <span className="muted">Last seen {formatAgo(machine.lastSeenAt, nowMs)}</span>
        <AlertCount count={activeAlerts} />
      </span>
    </a>
  );
}

function AlertCount({ count }: { count: number }) {
  if (count === 0) return <span className="alert-count alert-count-none">No alerts</span>;
  return (
    <span className="alert-count" data-testid="tile-alerts">
      <span aria-hidden="true">▲</span> {count} {count === 1 ? 'alert' : 'alerts'}
    </span>
  );
}
