import { useState, type FormEvent } from 'react';
import type { WorkstationBridge } from '../../../../shared/desktop-bridge';
import type { WorkstationConfig } from '../../../../shared/desktop/workstation';
import { TextField } from '../../components/TextField';

type Mode = WorkstationConfig['mode'];

/**
 * The one question of the first start (and of Settings later): is this computer the plant's
 * Linewatch, or a station of a Linewatch server? For a server, the certificate it shows is
 * fetched, shown to be compared with what the server printed, and pinned on save.
 */
export function WorkstationForm({
  bridge,
  current,
  token,
}: {
  bridge: WorkstationBridge;
  current: WorkstationConfig | null;
  /** An admin's session when changing it later; null at the first start. */
  token: string | null;
}) {
  const [mode, setMode] = useState<Mode>(current?.mode ?? 'standalone');
  const [url, setUrl] = useState(current?.mode === 'remote' ? current.url : 'https://');
  const [station, setStation] = useState(current?.station ?? '');
  const [fingerprint, setFingerprint] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const probe = async (): Promise<void> => {
    setBusy(true);
    setFingerprint(null);
    const answer = await bridge.probe(url.trim());
    setBusy(false);
    if (answer.ok) setFingerprint(answer.fingerprint);
    else setProblem(answer.message);
  };

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setProblem(null);
    const config =
      mode === 'standalone'
        ? { mode, station: station.trim() }
        : { mode, url: url.trim(), fingerprint, station: station.trim() };
    if (mode === 'remote' && !fingerprint) {
      setProblem("Check the server's certificate first.");
      return;
    }
    setBusy(true);
    const answer = await bridge.save(config, token);
    setBusy(false);
    if (!answer.ok) setProblem(answer.message);
  };

  return (
    <form onSubmit={(event) => void save(event)} noValidate data-testid="workstation-form">
      <fieldset>
        <legend>This computer</legend>
        <label>
          <input
            type="radio"
            name="mode"
            checked={mode === 'standalone'}
            onChange={() => setMode('standalone')}
          />{' '}
          This computer is the plant&apos;s Linewatch
        </label>
        <label>
          <input
            type="radio"
            name="mode"
            checked={mode === 'remote'}
            onChange={() => setMode('remote')}
          />{' '}
          Connect to a Linewatch server
        </label>
      </fieldset>
      {mode === 'remote' && (
        <>
          <TextField
            label="Server address"
            value={url}
            onChange={(value) => {
              setUrl(value);
              setFingerprint(null);
            }}
            hint="https://linewatch.plant.local:8443"
            required
          />
          <button type="button" disabled={busy} onClick={() => void probe()}>
            Check the server&apos;s certificate
          </button>
          {fingerprint && (
            <p data-testid="server-fingerprint">
              The server shows the certificate <code>{fingerprint}</code>. Compare it with the
              SHA-256 fingerprint the server printed when it started; save only if they match.
            </p>
          )}
        </>
      )}
      <TextField
        label="Station name"
        value={station}
        onChange={setStation}
        hint='Recorded with every login and action here, e.g. "CR-2" (1–40 letters, digits, spaces, - _ .)'
        required
      />
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="button-primary button-block" disabled={busy}>
        Save and restart Linewatch
      </button>
    </form>
  );
}
