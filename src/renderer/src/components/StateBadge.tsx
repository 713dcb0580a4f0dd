import type { MachineState } from '../../../shared/contract';
import { STATE_LOOK, shownState } from '../lib/machine-state';
import './state-badge.css';

/**
 * A machine state as shape, word and colour together; never colour alone. `quiet` (the
 * Overview tiles, ISA-101): plain text, with only down, maintenance and offline set apart.
 */
export function StateBadge({
  state,
  large,
  quiet,
}: {
  state: MachineState | null;
  large?: boolean;
  quiet?: boolean;
}) {
  const shown = shownState(state);
  const look = STATE_LOOK[shown];
  return (
    <span
      className={`state-badge state-${shown}${large ? ' state-badge-large' : ''}${quiet ? ' state-badge-quiet' : ''}`}
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
