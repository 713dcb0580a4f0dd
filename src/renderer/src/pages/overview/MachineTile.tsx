import { memo } from 'react';
import type { MachineSnapshot, TestResult } from '../../../../shared/contract';
import '../../components/connection.css';
import { StateBadge } from '../../components/StateBadge';
import { VerdictBadge } from '../../components/VerdictBadge';
import type { MachineRate } from '../../hooks/use-machine-rates';
import { formatCount, formatPercent, formatTemperature } from '../../lib/format';
import { shownState } from '../../lib/machine-state';
import { machineHash, useRoute } from '../../state/route-store';
import { LastSeen, TimeInState } from './tile-clock-texts';

interface MachineTileProps {
  machine: MachineSnapshot;
  activeAlerts: number;
  /** OEE and units of the last hour; absent until the first report is in. */
  rate?: MachineRate;
  /** The newest test result that arrived live since the page opened. */
  lastResult?: TestResult;
  /** Registered by the built-in simulator: marked, neutrally, so nobody takes it for a real one. */
  simulated?: boolean;
}

/**
 * One machine at a glance; the whole tile is a link to its machine page. Memoized: a live batch
 * then re-renders only the tiles whose snapshot, result or alerts changed, not all 200; the
 * clock texts tick by themselves (tile-clock-texts.tsx) instead of re-rendering every tile.
 */
export const MachineTile = memo(function MachineTile({
  machine,
  activeAlerts,
  rate,
  lastResult,
  simulated = false,
}: MachineTileProps) {
  const openMachine = useRoute((state) => state.openMachine);
  return (
    <a
      href={machineHash(machine.machineId)}
      // An offline machine's values are its last ones: greyed, with "last seen" beside them.
      className={`machine-tile tile-${shownState(machine.state)}${machine.state === 'offline' ? ' machine-offline' : ''}`}
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
        {simulated && (
          <span className="tile-sim" title="Simulated machine (built-in simulator)">
            SIM
          </span>
        )}
      </span>
      <span className="tile-state">
        <StateBadge state={machine.state} large />
        <span className="tile-since">
          <TimeInState since={machine.stateSince} />
        </span>
      </span>
      {machine.reason && <span className="tile-reason">{machine.reason}</span>}
      <span
        className="tile-metrics"
        title={machine.state === 'offline' ? 'Values from when it was last seen' : undefined}
      >
        <span className="metric">
          <span className="metric-label">Temperature</span>
          <span className="metric-value">{formatTemperature(machine.temperature)}</span>
        </span>
        <span className="metric">
          <span className="metric-label">OEE, last hour</span>
          <span className="metric-value" data-testid="tile-oee">
            {formatPercent(rate?.oee)}
          </span>
        </span>
        <span className="metric">
          <span className="metric-label">Units / hour</span>
          <span className="metric-value" data-testid="tile-units-per-hour">
            {formatCount(rate?.unitsPerHour)}
          </span>
        </span>
        <span className="metric">
          <span className="metric-label">Units</span>
          <span className="metric-value" data-testid="tile-units">
            {formatCount(machine.unitsProduced)}
          </span>
        </span>
      </span>
      {lastResult && (
        <span className="tile-result" data-testid="tile-last-result">
          <span className="muted">Last test</span>{' '}
          <code title={lastResult.barcode}>{lastResult.barcode}</code>{' '}
          <VerdictBadge verdict={lastResult.verdict} />
        </span>
      )}
      <span className="tile-foot">
        <span className="muted">
          <LastSeen at={machine.lastSeenAt} />
        </span>
        <AlertCount count={activeAlerts} />
      </span>
    </a>
  );
});

function AlertCount({ count }: { count: number }) {
  if (count === 0) return <span className="alert-count alert-count-none">No alerts</span>;
  return (
    <span className="alert-count" data-testid="tile-alerts">
      <span aria-hidden="true">▲</span> {count} {count === 1 ? 'alert' : 'alerts'}
    </span>
  );
}
