import type { MachineState } from '../../../shared/contract';
import { STATE_LOOK, shownState } from '../lib/machine-state';

/** A machine state as shape, word and colour together; never colour alone. */
export function StateBadge({ state, large }: { state: MachineState | null; large?: boolean }) {
  const shown = shownState(state);
  const look = STATE_LOOK[shown];
  return (
    <span
      className={`state-badge state-${shown}${large ? ' state-badge-large' : ''}`}
      data-testid="state-badge"
      data-state={shown}
    >
      <span className="state-glyph" aria-hidden="true">
        {look.glyph}
      </span>
      {look.label}
    </span>
  );
}
