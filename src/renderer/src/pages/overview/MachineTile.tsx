import { memo } from 'react';
import type { MachineSnapshot, TestResult } from '../../../../shared/contract';
import '../../components/connection.css';
import { SimMark } from '../../components/SimMark';
import { StateBadge } from '../../components/StateBadge';
import { VerdictBadge } from '../../components/VerdictBadge';
import type { MachineAlarms } from '../../hooks/use-active-alert-counts';
import type { MachineRate } from '../../hooks/use-machine-rates';
import { PRIORITY_LOOK } from '../../lib/alarm-priority';
import { formatCount, formatPercent, formatTemperature } from '../../lib/format';
import { shownState } from '../../lib/machine-state';
import { machineHash, useRoute } from '../../state/route-store';
import { LastSeen, TimeInState } from './tile-clock-texts';
import './overview.css';

interface MachineTileProps {
  machine: MachineSnapshot;
  /** The machine's active alerts; absent when it has none. */
  alarms?: MachineAlarms;
  /** OEE and units of the last hour; absent until the first report is in. */
  rate?: MachineRate;
  /** The newest test result that arrived live since the page opened. */
  lastResult?: TestResult;
}

/**
 * One machine at a glance; the whole tile is a link to its machine page. Memoized: a live batch
 * then re-renders only the tiles whose snapshot, result or alerts changed, not all 200; the
 * clock texts tick by themselves (tile-clock-texts.tsx) instead of re-rendering every tile.
 * ISA-101: a normal tile is neutral grey with its state as quiet text; a tile with an
 * unacknowledged alarm takes that alarm's priority look (colour and shape) and its text.
 */
export const MachineTile = memo(function MachineTile({
  machine,
  alarms,
  rate,
  lastResult,
}: MachineTileProps) {
  const openMachine = useRoute((state) => state.openMachine);
  const worst = alarms?.worstUnacked ?? null;
  const classes = [
    'machine-tile',
    `tile-${shownState(machine.state)}`,
    // An offline machine's values are its last ones: greyed, with "last seen" beside them.
    machine.state === 'offline' && 'machine-offline',
    worst && `tile-alarm priority-${worst.priority}`,
  ];
  const temperatureInAlarm = alarms?.metricsInAlarm.has('temperature') ?? false;
  return (
    <a
      href={machineHash(machine.machineId)}
      className={classes.filter(Boolean).join(' ')}
      data-testid="machine-tile"
      data-machine-id={machine.machineId}
      data-alarm-priority={worst?.priority}
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
        <SimMark machineId={machine.machineId} />
      </span>
      <span className="tile-state">
        <StateBadge state={machine.state} quiet />
        <span className="tile-since">
          <TimeInState since={machine.stateSince} />
        </span>
      </span>
      {worst && (
        <span className="tile-alarm-text" data-testid="tile-alarm" title={worst.message}>
          <span className="priority-glyph" aria-hidden="true">
            {PRIORITY_LOOK[worst.priority].glyph}
          </span>
          <span className="visually-hidden">{PRIORITY_LOOK[worst.priority].label}: </span>
          <span className="tile-alarm-message">{worst.message}</span>
        </span>
      )}
      {machine.reason && (
        <span className="tile-reason" title={machine.reason}>
          {machine.reason}
        </span>
      )}
      <span
        className="tile-metrics"
        title={machine.state === 'offline' ? 'Values from when it was last seen' : undefined}
      >
        <span className="metric">
          <span className="metric-label">Temperature</span>
          <MetricValue inAlarm={temperatureInAlarm} testId="tile-temperature">
            {formatTemperature(machine.temperature)}
          </MetricValue>
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
        <AlertCount alarms={alarms} />
      </span>
    </a>
  );
});

/** A value; beyond its alarm limit it is marked on itself (shape and outline, not colour only). */
function MetricValue({
  inAlarm,
  testId,
  children,
}: {
  inAlarm: boolean;
  testId: string;
  children: string;
}) {
  return (
    <span
      className={inAlarm ? 'metric-value metric-in-alarm' : 'metric-value'}
      data-testid={testId}
      data-in-alarm={inAlarm || undefined}
      title={inAlarm ? 'Beyond its alarm limit' : undefined}
    >
      {inAlarm && (
        <span className="metric-alarm-mark" aria-hidden="true">
          ⚠{' '}
        </span>
      )}
      {children}
      {inAlarm && <span className="visually-hidden"> (beyond its alarm limit)</span>}
    </span>
  );
}

/** Quiet when all is acknowledged; the tile's look carries the unacknowledged ones. */
function AlertCount({ alarms }: { alarms: MachineAlarms | undefined }) {
  const count = alarms?.count ?? 0;
  if (count === 0) return <span className="alert-count alert-count-none">No alerts</span>;
  const unacked = alarms?.unacked ?? 0;
  return (
    <span className="alert-count" data-testid="tile-alerts">
      {count} {count === 1 ? 'alert' : 'alerts'}
      {unacked > 0 ? `, ${unacked} unacknowledged` : ', acknowledged'}
    </span>
  );
}
