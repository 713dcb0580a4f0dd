import { useState, type FormEvent } from 'react';
import type { BrokerConfig, BrokerConfigView } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SuccessMessage } from '../../components/SuccessMessage';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';

interface BrokerFormProps {
  current: BrokerConfigView;
  onSaved: () => void;
}

// Sparkplug is set apart (its own settings); saving here keeps the stored one.
type Fields = Required<Omit<BrokerConfig, 'password' | 'sparkplug'>> & { password: string };

/** Edits the broker; "Test connection" tries it without changing anything. */
export function BrokerForm({ current, onSaved }: BrokerFormProps) {
  const [fields, setFields] = useState<Fields>({
    url: current.url,
    username: current.username ?? '',
    password: '',
    caFile: current.caFile ?? '',
    certFile: current.certFile ?? '',
    keyFile: current.keyFile ?? '',
    topicRoot: current.topicRoot,
  });
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null);
  const [saved, setSaved] = useState(false);
  const testing = useAction();
  const saving = useAction();
  // The command line wins over settings: saving here would change nothing until it is removed.
  const locked = current.source === 'command line';
  const set = (key: keyof Fields) => (value: string) =>
    setFields((before) => ({ ...before, [key]: value }));

  const config = (): BrokerConfig => ({
    ...fields,
    // Write-only: leaving it empty keeps the stored password (absent, not '').
    password: fields.password === '' ? undefined : fields.password,
  });

  const runTest = (): void => {
    setTest(null);
    void testing.run(async () => setTest(await api.call('broker.test', config())));
  };
  const save = (event: FormEvent): void => {
    event.preventDefault();
    setSaved(false);
    void saving.run(async () => {
      await api.call('broker.save', config());
      setSaved(true);
      onSaved();
    });
  };

  return (
    <section className="panel" aria-labelledby="broker-form-title">
      <h2 id="broker-form-title">Change broker</h2>
      {locked && (
        <p className="message message-info" data-testid="broker-locked">
          The broker is set on the command line, which takes precedence. Remove --broker or
          LINEWATCH_BROKER_URL and restart Linewatch to change it here.
        </p>
      )}
      <form onSubmit={save} aria-label="Broker settings">
        <fieldset disabled={locked} className="plain-fieldset">
          <TextField
            label="Broker URL"
            value={fields.url}
            onChange={set('url')}
            hint="mqtt://, mqtts://, ws:// or wss://; empty uses the embedded broker."
            maxLength={500}
          />
          <div className="form-columns">
            <TextField label="User" value={fields.username} onChange={set('username')} />
            <TextField
              label="Password"
              type="password"
              autoComplete="new-password"
              value={fields.password}
              onChange={set('password')}
              hint={
                current.hasPassword
                  ? 'Leave empty to keep the stored password.'
                  : 'Leave empty for none.'
              }
            />
          </div>
          <TextField
            label="CA file"
            value={fields.caFile}
            onChange={set('caFile')}
            hint="Path on the Linewatch server, for mqtts:// with a private CA."
          />
          <div className="form-columns">
            <TextField
              label="Client certificate"
              value={fields.certFile}
              onChange={set('certFile')}
            />
            <TextField label="Client key" value={fields.keyFile} onChange={set('keyFile')} />
          </div>
          <TextField label="Topic root" value={fields.topicRoot} onChange={set('topicRoot')} />
          <ErrorMessage error={testing.error ?? saving.error} />
          {test && (
            <p
              className={`message ${test.ok ? 'message-success' : 'message-error'}`}
              role="status"
              data-testid="broker-test-result"
            >
              {test.ok ? '✔ Connection works: ' : '✖ Connection failed: '}
              {test.message}
            </p>
          )}
          <SuccessMessage
            text={saved ? 'Saved. Linewatch is reconnecting to the new broker.' : null}
          />
          <div className="button-row">
            <button type="button" onClick={runTest} disabled={testing.disabled}>
              {testing.pending ? 'Testing…' : 'Test connection'}
            </button>
            <button type="submit" className="button-primary" disabled={saving.disabled}>
              Save and reconnect
            </button>
          </div>
        </fieldset>
      </form>
    </section>
  );
}
