import type { SimulatorStatus } from '../../../../shared/contract';
import { formatCount, formatNumber } from '../../lib/format';
import { formatDateTime } from '../../lib/time';

/** What the simulator sent, as its process last reported it (about once a second). */
export function SimulatorCounters({ status }: { status: SimulatorStatus }) {
  const counters = status.counters;
  const figures: { key: string; label: string; value: string; attention?: boolean }[] = [
    { key: 'test', label: 'Test results', value: formatCount(counters?.sent.test) },
    { key: 'telemetry', label: 'Telemetry', value: formatCount(counters?.sent.telemetry) },
    { key: 'state', label: 'State changes', value: formatCount(counters?.sent.state) },
    { key: 'ack', label: 'Command answers', value: formatCount(counters?.sent.commandAck) },
    { key: 'rate', label: 'Per second', value: formatNumber(counters?.perSecond) },
    {
      key: 'connected',
      label: 'Connected',
      value: counters ? `${counters.connected} / ${counters.machines}` : '—',
      attention: counters !== null && status.running && counters.connected < counters.machines,
    },
    { key: 'bad-data', label: 'Bad data', value: formatCount(counters?.badData) },
    { key: 'buffered', label: 'Buffered', value: formatCount(counters?.buffered) },
    {
      key: 'dropped',
      label: 'Dropped',
      value: formatCount(counters?.dropped),
      attention: (counters?.dropped ?? 0) > 0,
    },
  ];
  return (
    <section className="panel" aria-labelledby="simulator-counters-title">
      <h2 id="simulator-counters-title">What it sent</h2>
      {!counters && (
        <p className="muted">
          {status.running ? 'Waiting for the first report…' : 'Nothing yet: start a run.'}
        </p>
      )}
      <dl className="kpi-row simulator-counters" data-testid="simulator-counters">
        {figures.map((figure) => (
          <div
            key={figure.key}
            className={`kpi${figure.attention ? ' counter-attention' : ''}`}
            data-testid={`sim-counter-${figure.key}`}
          >
            <dt>{figure.label}</dt>
            <dd>{figure.value}</dd>
          </div>
        ))}
      </dl>
      {counters && counters.errors > 0 && (
        <p className="message message-error" data-testid="simulator-errors">
          {formatCount(counters.errors)} connection error(s)
          {counters.lastError ? `; the last: ${counters.lastError}` : ''}
        </p>
      )}
      <dl className="fact-list" data-testid="simulator-run">
        <dt>Broker</dt>
        <dd>
          <code>{status.brokerUrl ?? '—'}</code>
        </dd>
        <dt>Started</dt>
        <dd>
          {status.startedAt
            ? `${formatDateTime(status.startedAt)} by ${status.startedBy ?? '?'}`
            : '—'}
        </dd>
        {status.stoppedAt && (
          <>
            <dt>Ended</dt>
            <dd>
              {formatDateTime(status.stoppedAt)}: {status.endedBecause}
            </dd>
          </>
        )}
        <dt>Reconnects</dt>
        <dd>{formatCount(counters?.reconnects)}</dd>
        <dt>Commands received</dt>
        <dd>{formatCount(counters?.commandsReceived)}</dd>
      </dl>
    </section>
  );
}
