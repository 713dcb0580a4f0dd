import type { MachineSnapshot } from '../../../../shared/contract';
import { STATE_LOOK, shownState, type ShownState } from '../../lib/machine-state';

const ORDER: readonly ShownState[] = [
  'down',
  'maintenance',
  'offline',
  'unknown',
  'idle',
  'running',
];

/** How many machines are in each state, worst first, so trouble is counted before it is found. */
export function StateSummary({ machines }: { machines: readonly MachineSnapshot[] }) {
  const counts = new Map<ShownState, number>();
  for (const machine of machines) {
    const state = shownState(machine.state);
    counts.set(state, (counts.get(state) ?? 0) + 1);
  }
  return (
    <ul className="state-summary" aria-label="Machines per state">
      {ORDER.filter((state) => counts.has(state)).map((state) => (
        <li key={state} className={`state-badge state-${state}`}>
          <span className="state-glyph" aria-hidden="true">
            {STATE_LOOK[state].glyph}
          </span>
          {counts.get(state)} {STATE_LOOK[state].label}
        </li>
      ))}
    </ul>
  );
}
