import type { ReactNode } from 'react';
import type { BrokerConfigView } from '../../../../shared/contract';
import { api } from '../../api/client';
import { BrokerStatusStrip } from '../../components/BrokerStatusStrip';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeader } from '../../components/PageHeader';
import { useLoad } from '../../hooks/use-load';
import { BrokerForm } from './BrokerForm';
import './admin.css';

const SOURCE_TEXT: Record<BrokerConfigView['source'], string> = {
  settings: 'set on this page',
  'command line': 'set on the command line (--broker or LINEWATCH_BROKER_URL)',
  'embedded default': 'the embedded broker (nothing configured)',
};

/** Where machine data comes from: the configured broker, its live state, and a form to move it. */
export function BrokerPage({ tabs }: { tabs: ReactNode }) {
  const { data, error, reload } = useLoad(() => api.call('broker.get', {}), 'broker');
  return (
    <section aria-labelledby="page-title" data-testid="page-admin-broker">
      <PageHeader title="Admin · Broker" />
      {tabs}
      <BrokerStatusStrip />
      <ErrorMessage error={error} />
      {data && (
        <div className="panel-grid broker-grid">
          <section className="panel" aria-labelledby="broker-current-title">
            <h2 id="broker-current-title">Current broker</h2>
            <dl className="fact-list" data-testid="broker-current">
              <dt>URL</dt>
              <dd>
                <code>{data.url || 'embedded broker'}</code>
              </dd>
              <dt>Source</dt>
              <dd data-testid="broker-source">{SOURCE_TEXT[data.source]}</dd>
              <dt>User</dt>
              <dd>{data.username ?? '—'}</dd>
              <dt>Password</dt>
              <dd>{data.hasPassword ? 'stored (never shown)' : 'none'}</dd>
              <dt>CA file</dt>
              <dd>{data.caFile ?? '—'}</dd>
              <dt>Client certificate</dt>
              <dd>{data.certFile ?? '—'}</dd>
              <dt>Client key</dt>
              <dd>{data.keyFile ?? '—'}</dd>
              <dt>Topic root</dt>
              <dd>
                <code>{data.topicRoot}</code>
              </dd>
            </dl>
          </section>
          <BrokerForm key={JSON.stringify(data)} current={data} onSaved={reload} />
        </div>
      )}
    </section>
  );
}
