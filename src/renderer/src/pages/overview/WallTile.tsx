import type { MachineSnapshot } from '../../../../shared/contract';
import { StateBadge } from '../../components/StateBadge';
import type { MachineAlarms } from '../../hooks/use-active-alert-counts';
import type { MachineRate } from '../../hooks/use-machine-rates';
import { PRIORITY_LOOK } from '../../lib/alarm-priority';
import { formatCount, formatDuration, formatPercent, secondsSince } from '../../lib/format';
import { shownState } from '../../lib/machine-state';
import { SimMark } from '../../components/SimMark';

interface WallTileProps {
  machine: MachineSnapshot;
  alarms: MachineAlarms | undefined;
  rate: MachineRate | undefined;
  nowMs: number;
}

/** A machine for the wall: few figures, very large, readable from three metres. */
export function WallTile({ machine, alarms, rate, nowMs }: WallTileProps) {
  const inState = secondsSince(machine.stateSince, nowMs);
  const activeAlerts = alarms?.count ?? 0;
  const worst = alarms?.worstUnacked ?? null;
  const temperatureInAlarm = alarms?.metricsInAlarm.has('temperature') ?? false;
  return (
    <article
      className={`wall-tile tile-${shownState(machine.state)}${worst ? ` tile-alarm priority-${worst.priority}` : ''}`}
      data-testid="wall-tile"
      data-machine-id={machine.machineId}
      data-alarm-priority={worst?.priority}
      aria-label={machine.name}
    >
      <header className="wall-tile-head">
        <h3 className="wall-tile-name">{machine.name}</h3>
        {machine.name !== machine.machineId && (
          <span className="wall-tile-id">{machine.machineId}</span>
        )}
        <SimMark machineId={machine.machineId} />
      </header>
      <div className="wall-tile-state">
        <StateBadge state={machine.state} large quiet />
        {inState !== null && <span className="wall-since">{formatDuration(inState)}</span>}
      </div>
      {/* Always there, so the figures of every tile line up across the wall. */}
      <p className="wall-reason" title={worst?.message ?? machine.reason ?? undefined}>
        {worst ? `${PRIORITY_LOOK[worst.priority].glyph} ${worst.message}` : (machine.reason ?? '')}
      </p>
      <dl className="wall-figures">
        <div>
          <dt>OEE</dt>
          <dd data-testid="wall-oee">{formatPercent(rate?.oee)}</dd>
        </div>
        <div>
          <dt>Temp.</dt>
          <dd className={temperatureInAlarm ? 'metric-in-alarm' : undefined}>
            {temperatureInAlarm && (
              <span className="metric-alarm-mark" aria-hidden="true">
                ⚠{' '}
              </span>
            )}
            {machine.temperature === null ? '—' : `${machine.temperature.toFixed(1)}°`}
          </dd>
        </div>
        <div>
          <dt>Units / h</dt>
          <dd>{formatCount(rate?.unitsPerHour)}</dd>
        </div>
        <div className="wall-alerts">
          <dt>Alerts</dt>
          <dd data-testid="wall-alerts">
            {worst && <span aria-hidden="true">{PRIORITY_LOOK[worst.priority].glyph} </span>}
            {activeAlerts}
          </dd>
        </div>
      </dl>
    </article>
  );
}
