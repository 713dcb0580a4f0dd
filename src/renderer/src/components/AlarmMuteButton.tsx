import './alarm.css';
import { useAlarm } from '../state/alarm-store';

/** Shown only while this workstation's audible alarm is on: silences it for this session. */
export function AlarmMuteButton() {
  const enabled = useAlarm((state) => state.enabled);
  const muted = useAlarm((state) => state.muted);
  const rings = useAlarm((state) => state.rings);
  const toggleMuted = useAlarm((state) => state.toggleMuted);
  if (!enabled) return null;
  return (
    <button
      type="button"
      className={muted ? 'alarm-mute alarm-muted' : 'alarm-mute'}
      aria-pressed={muted}
      onClick={toggleMuted}
      data-testid="alarm-mute"
      data-rings={rings}
      title={muted ? 'The alarm tone is muted' : 'New high and critical alerts sound a tone'}
    >
      {muted ? 'Alarm muted' : 'Mute alarm'}
    </button>
  );
}
