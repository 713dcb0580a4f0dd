import type { MachineSnapshot } from '../../../../shared/contract';
import { StateBadge } from '../../components/StateBadge';
import type { MachineRate } from '../../hooks/use-machine-rates';
import { formatCount, formatDuration, formatPercent, secondsSince } from '../../lib/format';
import { shownState } from '../../lib/machine-state';

interface WallTileProps {
  machine: MachineSnapshot;
  activeAlerts: number;
  rate: MachineRate | undefined;
  nowMs: number;
}

/** A machine for the wall: few figures, very large, readable from three metres. */
export function WallTile({ machine, activeAlerts, rate, nowMs }: WallTileProps) {
  const inState = secondsSince(machine.stateSince, nowMs);
  return (
    <article
      className={`wall-tile tile-${shownState(machine.state)}`}
      data-testid="wall-tile"
      data-machine-id={machine.machineId}
      aria-label={machine.name}
    >
      <header className="wall-tile-head">
        <h3 className="wall-tile-name">{machine.name}</h3>
        {machine.name !== machine.machineId && (
          <span className="wall-tile-id">{machine.machineId}</span>
        )}
      </header>
      <div className="wall-tile-state">
        <StateBadge state={machine.state} large />
        {inState !== null && <span className="wall-since">{formatDuration(inState)}</span>}
      </div>
      {/* Always there, so the figures of every tile line up across the wall. */}
      <p className="wall-reason">{machine.reason ?? ''}</p>
      <dl className="wall-figures">
        <div>
          <dt>OEE</dt>
          <dd data-testid="wall-oee">{formatPercent(rate?.oee)}</dd>
        </div>
        <div>
          <dt>Temp.</dt>
          <dd>{machine.temperature === null ? '—' : `${machine.temperature.toFixed(1)}°`}</dd>
        </div>
        <div>
          <dt>Units / h</dt>
          <dd>{formatCount(rate?.unitsPerHour)}</dd>
        </div>
        <div className={activeAlerts > 0 ? 'wall-alerts wall-alerts-on' : 'wall-alerts'}>
          <dt>Alerts</dt>
          <dd data-testid="wall-alerts">
            {activeAlerts > 0 && <span aria-hidden="true">▲ </span>}
            {activeAlerts}
          </dd>
        </div>
      </dl>
    </article>
  );
}
