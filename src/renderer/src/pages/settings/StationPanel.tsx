import { useEffect, useState } from 'react';
import type { User } from '../../../../shared/contract';
import type { WorkstationInfo } from '../../../../shared/desktop/workstation';
import { parseStationName } from '../../../../shared/station-name';
import { api } from '../../api/client';
import { browserStation, saveBrowserStation } from '../../api/station';
import { TextField } from '../../components/TextField';
import { WorkstationForm } from '../workstation/WorkstationForm';

/**
 * This screen's station name, recorded with what is done here ("acknowledged by olga at
 * CR-2"). On the desktop it is part of the workstation setting (an admin's); in a browser it
 * is this browser's own.
 */
export function StationPanel({ user }: { user: User }) {
  const bridge = window.linewatch?.workstation;
  return (
    <section className="panel" aria-labelledby="station-title" data-testid="station-panel">
      <h2 id="station-title">This station</h2>
      {bridge ? <DesktopStation user={user} /> : <BrowserStation />}
    </section>
  );
}

function DesktopStation({ user }: { user: User }) {
  const [info, setInfo] = useState<WorkstationInfo | null>(null);
  useEffect(() => {
    void window.linewatch?.workstation.info().then(setInfo);
  }, []);
  if (!info || info.firstStart || !window.linewatch) return null;
  return (
    <>
      <p>
        {info.mode === 'remote'
          ? `${info.station}, a station of ${info.url} (certificate ${info.fingerprint})`
          : `${info.station}, the plant's Linewatch`}
      </p>
      {user.role === 'admin' && (
        <WorkstationForm
          bridge={window.linewatch.workstation}
          current={info}
          token={api.getToken()}
        />
      )}
    </>
  );
}

function BrowserStation() {
  const [station, setStation] = useState(browserStation() ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = parseStationName(station);
        setSaved(parsed.ok);
        setProblem(parsed.ok ? null : parsed.message);
        if (parsed.ok) saveBrowserStation(parsed.station);
      }}
    >
      <TextField
        label="Station name of this browser"
        value={station}
        onChange={(value) => {
          setStation(value);
          setSaved(false);
        }}
        hint='E.g. "CR-2"; also settable with ?station=CR-2 in the address'
        problem={problem}
      />
      <button type="submit">Save</button>
      {saved && <p role="status">Saved.</p>}
    </form>
  );
}
