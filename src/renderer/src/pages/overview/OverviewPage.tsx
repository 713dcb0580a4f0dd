import { useMemo } from 'react';
import './wall.css';
import { BrokerStatusStrip } from '../../components/BrokerStatusStrip';
import { PlantStrip } from '../../components/PlantStrip';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeader } from '../../components/PageHeader';
import { useMachineAlarms } from '../../hooks/use-active-alert-counts';
import { useLatestResults } from '../../hooks/use-latest-results';
import { useMachineRates } from '../../hooks/use-machine-rates';
import { useMachineSnapshots } from '../../hooks/use-machine-snapshots';
import { useNow } from '../../hooks/use-now';
import { useWall } from '../../state/wall-store';
import { groupByLine } from './group-by-line';
import { LazyLineRow } from './LazyLineRow';
import { MachineTile } from './MachineTile';
import { useFullscreenWall } from './use-fullscreen-wall';
import { WallControls } from './WallControls';
import { WallView } from './WallView';
import './overview.css';

/**
 * Above this many machines, lines render their tiles only near the screen (LazyLineRow); below
 * it every tile is in the page, which a small plant can afford and a find-in-page can search.
 */
const RENDER_ALL_UP_TO = 200;

/** The plant as lines of machine tiles, live; or, in wall mode, one line at a time. */
export function OverviewPage() {
  const { machines, loaded, error } = useMachineSnapshots();
  const { alerts, byMachine } = useMachineAlarms();
  const rates = useMachineRates();
  const latestResults = useLatestResults();
  const wall = useFullscreenWall();
  const wallActive = useWall((state) => state.active);
  const lines = useMemo(() => groupByLine(machines), [machines]);

  if (wallActive) {
    return (
      <WallWithClock
        machines={machines}
        alerts={alerts}
        alarms={byMachine}
        rates={rates}
        onLeave={wall.leave}
      />
    );
  }
  const tilesOf = (lineMachines: typeof machines) => (
    <div className="tile-grid">
      {lineMachines.map((machine) => (
        <MachineTile
          key={machine.machineId}
          machine={machine}
          alarms={byMachine.get(machine.machineId)}
          rate={rates.get(machine.machineId)}
          lastResult={latestResults.get(machine.machineId)}
        />
      ))}
    </div>
  );
  const lazy = machines.length > RENDER_ALL_UP_TO;
  return (
    <section aria-labelledby="page-title" data-testid="page-overview">
      <PageHeader title="Overview">
        <div className="overview-actions">
          <WallControls onEnter={wall.enter} />
        </div>
      </PageHeader>
      <PlantStrip machines={machines} alerts={alerts} />
      <BrokerStatusStrip />
      <ErrorMessage error={error} />
      {loaded && machines.length === 0 && (
        <p className="empty-state">
          No machines yet. They appear here as soon as they send their first message.
        </p>
      )}
      {lines.map(([lineId, lineMachines]) =>
        lazy ? (
          <LazyLineRow key={lineId} lineId={lineId} machineCount={lineMachines.length}>
            {() => tilesOf(lineMachines)}
          </LazyLineRow>
        ) : (
          <section key={lineId} className="line-row" aria-label={`Line ${lineId}`}>
            <h2 className="line-title">Line {lineId}</h2>
            {tilesOf(lineMachines)}
          </section>
        ),
      )}
    </section>
  );
}

/** The wall view with its clock: only wall mode re-renders every second, not the tile page. */
function WallWithClock(props: Omit<Parameters<typeof WallView>[0], 'nowMs'>) {
  const now = useNow();
  return <WallView {...props} nowMs={now} />;
}
