import { useState } from 'react';

interface NewStationKeyPanelProps {
  name: string;
  secret: string;
  onDone: () => void;
}

/** The new key, shown this once: only its hash is kept, so it cannot be shown again. */
export function NewStationKeyPanel({ name, secret, onDone }: NewStationKeyPanelProps) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      // Clipboard access can be refused (an insecure origin); the key stays selectable.
      setCopied('failed');
    }
  };

  return (
    <section
      className="panel station-key-new"
      aria-labelledby="new-station-key-title"
      data-testid="new-station-key"
    >
      <h2 id="new-station-key-title">Key for “{name}”</h2>
      <p className="message message-info">
        Copy it now and put it into the station&apos;s settings. It is shown only this once.
      </p>
      <code className="station-key-secret" data-testid="new-station-key-secret">
        {secret}
      </code>
      <div className="button-row">
        <button type="button" className="button-primary" onClick={() => void copy()}>
          Copy key
        </button>
        <button type="button" onClick={onDone}>
          Done
        </button>
      </div>
      {copied === 'yes' && (
        <p className="message message-success" role="status">
          Copied.
        </p>
      )}
      {copied === 'failed' && (
        <p className="message message-error" role="alert">
          Could not copy; select the key and copy it by hand.
        </p>
      )}
    </section>
  );
}
