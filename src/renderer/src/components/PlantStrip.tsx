import type { Alert, MachineSnapshot } from '../../../shared/contract';
import { isUnacknowledged, PRIORITIES, PRIORITY_LOOK } from '../lib/alarm-priority';
import { StateSummary } from '../pages/overview/StateSummary';
import './alarm-look.css';

interface PlantStripProps {
  machines: readonly MachineSnapshot[];
  /** Active alerts; the strip counts the unacknowledged ones per priority. */
  alerts: readonly Alert[];
}

/** The whole plant in one row: machines per state, unacknowledged alarms per priority. */
export function PlantStrip({ machines, alerts }: PlantStripProps) {
  const counts = new Map(PRIORITIES.map((priority) => [priority, 0]));
  for (const alert of alerts) {
    if (isUnacknowledged(alert)) counts.set(alert.priority, (counts.get(alert.priority) ?? 0) + 1);
  }
  return (
    <div className="plant-strip" data-testid="plant-strip">
      <StateSummary machines={machines} />
      <ul className="priority-counts" aria-label="Unacknowledged alarms per priority">
        {PRIORITIES.map((priority) => {
          const count = counts.get(priority) ?? 0;
          return (
            <li
              key={priority}
              className={`priority-count priority-${priority}${count === 0 ? ' priority-count-zero' : ''}`}
              data-testid={`strip-${priority}`}
              data-count={count}
            >
              <span className="priority-glyph" aria-hidden="true">
                {PRIORITY_LOOK[priority].glyph}
              </span>
              {count} {PRIORITY_LOOK[priority].label}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
