import { playAlarmTone, unlockAlarmAudio } from '../../lib/alarm-tone';
import '../../components/alarm.css';
import { useAlarm } from '../../state/alarm-store';

/** The audible alarm of this workstation: off by default, a tone for new high-priority alerts. */
export function AlarmSwitch() {
  const enabled = useAlarm((state) => state.enabled);
  const setEnabled = useAlarm((state) => state.setEnabled);
  return (
    <section className="panel" aria-labelledby="alarm-title">
      <h2 id="alarm-title">Audible alarm</h2>
      <label className="check-field">
        <input
          type="checkbox"
          checked={enabled}
          onChange={(event) => {
            // The click is the user gesture browsers want before a page may make sound.
            if (event.target.checked) unlockAlarmAudio();
            setEnabled(event.target.checked);
          }}
        />
        <span>
          <strong>Sound a tone for new high and critical alerts</strong>
          <span className="field-hint">
            Not for acknowledgements or for an alert coming back. While on, the top bar has a mute
            button.
          </span>
        </span>
      </label>
      <div className="button-row">
        <button type="button" onClick={() => void playAlarmTone()}>
          Play the tone
        </button>
      </div>
      <p className="muted alarm-note">
        Stored on this screen only; other screens keep their own choice.
      </p>
    </section>
  );
}
