import { BrokerStatusStrip } from '../../components/BrokerStatusStrip';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeader } from '../../components/PageHeader';
import { SimulatorCounters } from './SimulatorCounters';
import { SimulatorForm } from './SimulatorForm';
import { useSimulatorStatus } from './use-simulator-status';
import './simulator.css';

/**
 * The built-in simulator: a simulated plant that publishes to the broker Linewatch reads, so
 * its machines show up on every page like real ones. A page in console mode, a window of its
 * own in the desktop app.
 */
export function SimulatorPage() {
  const { status, error, replace } = useSimulatorStatus();
  const running = status?.running ?? false;
  return (
    <section aria-labelledby="page-title" data-testid="page-simulator">
      <PageHeader title="Simulator">
        {status && (
          <span
            className={`simulator-state tone-${running ? 'ok' : 'muted'}`}
            data-testid="simulator-state"
            data-running={running}
          >
            <span aria-hidden="true">{running ? '●' : '■'}</span> {running ? 'Running' : 'Stopped'}
          </span>
        )}
      </PageHeader>
      <p className="lead">
        Simulated machines publish the factory protocol to the broker Linewatch reads; what they
        send arrives on the Overview, Quality and Alerts pages like real data.
      </p>
      <BrokerStatusStrip />
      <ErrorMessage error={error} />
      {status && (
        <div className="panel-grid simulator-grid">
          <SimulatorForm status={status} onChanged={replace} />
          <SimulatorCounters status={status} />
        </div>
      )}
    </section>
  );
}
