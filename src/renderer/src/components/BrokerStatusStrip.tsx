import type { BrokerState } from '../../../shared/contract';
import { useIngestStatus } from '../hooks/use-ingest-status';
import { formatCount } from '../lib/format';
import { ErrorMessage } from './ErrorMessage';
import './broker-strip.css';

const BROKER_LOOK: Record<BrokerState, { label: string; glyph: string; tone: string }> = {
  connected: { label: 'Connected', glyph: '●', tone: 'ok' },
  connecting: { label: 'Connecting', glyph: '◌', tone: 'warn' },
  reconnecting: { label: 'Reconnecting', glyph: '◌', tone: 'warn' },
  offline: { label: 'Offline', glyph: '■', tone: 'danger' },
  stopped: { label: 'Stopped', glyph: '■', tone: 'danger' },
};

/** One line saying whether machine data is flowing, and how much was kept or refused. */
export function BrokerStatusStrip() {
  const { status, error } = useIngestStatus();
  if (error) return <ErrorMessage error={error} />;
  if (!status) return null;
  const look = BROKER_LOOK[status.state];
  // Operators get no plant-wide counters: the strip shows only the connection then.
  const counters: [string, number][] = status.counters
    ? [
        ['Received', status.counters.received],
        ['Stored', status.counters.stored],
        ['Duplicates', status.counters.duplicates],
        ['Dead-lettered', status.counters.deadLettered],
      ]
    : [];
  return (
    <section className="broker-strip" aria-label="Broker status" data-testid="broker-status">
      <span className={`broker-state tone-${look.tone}`} data-state={status.state}>
        <span aria-hidden="true">{look.glyph}</span> Broker {look.label}
      </span>
      <span className="broker-url muted" title={status.detail}>
        {status.brokerUrl}
        {status.embedded ? ' (embedded)' : ''}
      </span>
      {counters.length > 0 && (
        <dl className="broker-counters">
          {counters.map(([label, value]) => (
            <div
              key={label}
              className={label === 'Dead-lettered' && value > 0 ? 'counter-attention' : undefined}
            >
              <dt>{label}</dt>
              <dd data-testid={`counter-${label.toLowerCase()}`}>{formatCount(value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
