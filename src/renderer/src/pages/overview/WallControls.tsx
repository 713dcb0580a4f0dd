import { useState } from 'react';
import { SelectField } from '../../components/SelectField';
import { useSession } from '../../state/session-store';
import { WALL_CYCLE_CHOICES, useWall } from '../../state/wall-store';
import { DisplaySessionDialog } from './DisplaySessionDialog';

const CYCLE_OPTIONS = WALL_CYCLE_CHOICES.map((seconds) => ({
  value: String(seconds),
  label: `${seconds} s`,
}));

/**
 * How long each line stays on the wall, the button that starts wall mode, and (admins) the
 * one that hands this screen over to a view-only wall display session.
 */
export function WallControls({ onEnter }: { onEnter: () => void }) {
  const cycleSeconds = useWall((state) => state.cycleSeconds);
  const setCycleSeconds = useWall((state) => state.setCycleSeconds);
  const isAdmin = useSession((state) => state.user?.role === 'admin');
  const [askingDisplay, setAskingDisplay] = useState(false);
  return (
    <div className="wall-controls">
      <SelectField
        label="Next line every"
        value={String(cycleSeconds)}
        options={CYCLE_OPTIONS}
        onChange={(value) => setCycleSeconds(Number(value))}
      />
      <button type="button" className="button-primary" onClick={onEnter}>
        Wall mode
      </button>
      {isAdmin && (
        <button type="button" onClick={() => setAskingDisplay(true)}>
          Display session…
        </button>
      )}
      {askingDisplay && <DisplaySessionDialog onClose={() => setAskingDisplay(false)} />}
    </div>
  );
}
