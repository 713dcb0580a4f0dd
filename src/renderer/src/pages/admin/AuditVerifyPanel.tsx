import { useState } from 'react';
import type { ApiErrorBody, AuditResult } from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { toApiErrorBody } from '../../lib/errors';
import { formatCount } from '../../lib/format';

/** The event log's hash chain, checked on demand: intact, or the first row that breaks it. */
export function AuditVerifyPanel() {
  const [result, setResult] = useState<AuditResult | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);

  const verify = async (): Promise<void> => {
    setPending(true);
    setError(null);
    try {
      setResult(await api.call('audit.verify', {}));
    } catch (caught) {
      setError(toApiErrorBody(caught));
    } finally {
      setPending(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="audit-title">
      <h2 id="audit-title">Event log</h2>
      <p className="muted">
        Each event carries the hash of the one before it; a row changed or removed behind the app's
        back breaks the chain there.
      </p>
      <div className="button-row">
        <button type="button" onClick={() => void verify()} disabled={pending}>
          {pending ? 'Verifying…' : 'Verify audit log'}
        </button>
      </div>
      <ErrorMessage error={error} />
      {result && (
        <p
          className={`message ${result.ok ? 'message-success' : 'message-error'}`}
          role="status"
          data-testid="audit-result"
        >
          {result.ok
            ? `Chain intact, ${formatCount(result.checked)} events.`
            : `Chain broken at row ${result.firstBrokenId ?? '?'}: ${result.reason ?? 'unknown reason'} (${formatCount(result.checked)} rows checked).`}
        </p>
      )}
    </section>
  );
}
