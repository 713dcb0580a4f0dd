import { useEffect, useMemo, useRef, useState } from 'react';
import type { Alert, MachineSnapshot } from '../../../../shared/contract';
import { api } from '../../api/client';
import { AlarmMuteButton } from '../../components/AlarmMuteButton';
import { PlantStrip } from '../../components/PlantStrip';
import type { MachineAlarms } from '../../hooks/use-active-alert-counts';
import { useLoad } from '../../hooks/use-load';
import type { MachineRate } from '../../hooks/use-machine-rates';
import { clampLineIndex, nextLineIndex } from '../../lib/wall-cycle';
import { usePlant } from '../../state/plant-store';
import { useWall } from '../../state/wall-store';
import { groupByLine } from './group-by-line';
import { WallAttentionRow } from './WallAttentionRow';
import { WallTile } from './WallTile';

interface WallViewProps {
  machines: readonly MachineSnapshot[];
  alerts: readonly Alert[];
  alarms: ReadonlyMap<string, MachineAlarms>;
  rates: ReadonlyMap<string, MachineRate>;
  nowMs: number;
  onLeave: () => void;
  /** A wall display session's screen: its one action ends the session instead. */
  display?: string;
}

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** The Overview for a wall screen: one line at a time, cycling every few seconds. */
export function WallView({
  machines,
  alerts,
  alarms,
  rates,
  nowMs,
  onLeave,
  display,
}: WallViewProps) {
  const plantName = usePlant((state) => state.plantName);
  const cycleSeconds = useWall((state) => state.cycleSeconds);
  const plant = useLoad(() => api.call('plant.list', {}), 'plant');
  const lines = useMemo(() => groupByLine(machines), [machines]);
  const [index, setIndex] = useState(0);
  // The timer reads the count through a ref, so live updates do not restart the cycle.
  const lineCount = useRef(lines.length);
  useEffect(() => {
    lineCount.current = lines.length;
  }, [lines.length]);

  useEffect(() => {
    const timer = setInterval(
      () => setIndex((current) => nextLineIndex(current, lineCount.current)),
      cycleSeconds * 1000,
    );
    return () => clearInterval(timer);
  }, [cycleSeconds]);

  const shown = clampLineIndex(index, lines.length);
  const [lineId, lineMachines] = lines[shown] ?? [null, []];
  const lineName = plant.data?.lines.find((line) => line.id === lineId)?.name;
  const lineAlerts = lineMachines.reduce(
    (sum, m) => sum + (alarms.get(m.machineId)?.count ?? 0),
    0,
  );

  return (
    <section className="wall" data-testid="wall-view" aria-labelledby="wall-line-title">
      <header className="wall-header">
        <div className="wall-title">
          <p className="wall-plant">
            {plantName}
            {display && (
              <span className="wall-display-note" data-testid="wall-display-note">
                {' '}
                · display {display}, view only
              </span>
            )}
          </p>
          <h1 id="wall-line-title" data-testid="wall-line" data-line-id={lineId ?? ''}>
            {lineId === null
              ? 'No machines yet'
              : lineName && lineName !== lineId
                ? `${lineName} · ${lineId}`
                : `Line ${lineId}`}
          </h1>
        </div>
        <p className="wall-line-alerts" data-testid="wall-line-alerts">
          {lineAlerts} {lineAlerts === 1 ? 'alert' : 'alerts'} on this line
        </p>
        <p className="wall-clock" aria-label="Time">
          {clock.format(nowMs)}
        </p>
        <div className="wall-actions">
          <AlarmMuteButton />
          <button type="button" onClick={onLeave}>
            {display ? 'End display session' : 'Leave wall mode (Esc)'}
          </button>
        </div>
      </header>
      {/* The whole plant, whatever line is showing: nothing in alarm or down stays hidden. */}
      <PlantStrip machines={machines} alerts={alerts} />
      <WallAttentionRow machines={machines} alarms={alarms} />
      <div className="wall-grid">
        {lineMachines.map((machine) => (
          <WallTile
            key={machine.machineId}
            machine={machine}
            alarms={alarms.get(machine.machineId)}
            rate={rates.get(machine.machineId)}
            nowMs={nowMs}
          />
        ))}
      </div>
      {lines.length > 1 && (
        <footer className="wall-footer">
          <ol className="wall-dots" aria-label={`Line ${shown + 1} of ${lines.length}`}>
            {lines.map(([id], position) => (
              <li key={id} aria-current={position === shown ? 'true' : undefined}>
                {id}
              </li>
            ))}
          </ol>
          <span className="wall-cycle-note">Next line every {cycleSeconds} s</span>
        </footer>
      )}
    </section>
  );
}
