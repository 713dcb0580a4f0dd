import { SelectField } from '../../components/SelectField';
import { WALL_CYCLE_CHOICES, useWall } from '../../state/wall-store';

const CYCLE_OPTIONS = WALL_CYCLE_CHOICES.map((seconds) => ({
  value: String(seconds),
  label: `${seconds} s`,
}));

/** How long each line stays on the wall, and the button that starts wall mode. */
export function WallControls({ onEnter }: { onEnter: () => void }) {
  const cycleSeconds = useWall((state) => state.cycleSeconds);
  const setCycleSeconds = useWall((state) => state.setCycleSeconds);
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
    </div>
  );
}
