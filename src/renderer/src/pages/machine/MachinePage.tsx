import { roleHas, type User } from '../../../../shared/contract';
import { ErrorMessage } from '../../components/ErrorMessage';
import '../../components/connection.css';
import { PageHeader } from '../../components/PageHeader';
import { SimMark } from '../../components/SimMark';
import { StateBadge } from '../../components/StateBadge';
import { useMachineSnapshots } from '../../hooks/use-machine-snapshots';
import { useNow } from '../../hooks/use-now';
import {
  formatAgo,
  formatCount,
  formatDuration,
  formatTemperature,
  secondsSince,
} from '../../lib/format';
import { useRoute } from '../../state/route-store';
import { AlarmLimitsSection } from './AlarmLimitsSection';
import { CommandHistory } from './CommandHistory';
import { CommandPanel } from './CommandPanel';
import { DowntimePanel } from './DowntimePanel';
import { MachineAlertsPanel } from './MachineAlertsPanel';
import { OeePanel } from './OeePanel';
import { RecentResults } from './RecentResults';
import { StateTimelinePanel } from './StateTimelinePanel';
import { TrendPanel } from './TrendPanel';
import { useCommands } from './use-commands';
import './machine.css';

/** One machine: state, OEE, results, downtime and (for engineers and admins) commands. */
export function MachinePage({ machineId, user }: { machineId: string; user: User }) {
  const { machines, loaded, error } = useMachineSnapshots();
  const machine = machines.find((candidate) => candidate.machineId === machineId);
  const history = useCommands(machineId);
  const now = useNow();

  if (!machine) {
    return (
      <section aria-labelledby="page-title" data-testid="page-machine">
        <PageHeader title={`Machine ${machineId}`} />
        <ErrorMessage error={error} />
        {loaded && (
          <p className="empty-state">
            This machine is unknown or not assigned to you.{' '}
            <OverviewLink label="Back to the overview" />
          </p>
        )}
      </section>
    );
  }
  const inState = secondsSince(machine.stateSince, now);
  // An offline machine's values are its last ones: greyed, and said to be from then.
  const offline = machine.state === 'offline';
  return (
    <section aria-labelledby="page-title" data-testid="page-machine">
      <PageHeader
        title={
          machine.name === machine.machineId
            ? `Machine ${machine.machineId}`
            : `${machine.name} · ${machine.machineId}`
        }
        mark={<SimMark machineId={machine.machineId} />}
      >
        <OverviewLink label="← Overview" />
      </PageHeader>
      <div
        className={`machine-header tile-${machine.state ?? 'unknown'}${offline ? ' machine-offline' : ''}`}
        data-testid="machine-header"
        data-offline={offline || undefined}
      >
        <StateBadge state={machine.state} large />
        <dl className="machine-facts">
          <Fact label="In state for" value={inState === null ? '—' : formatDuration(inState)} />
          <Fact label="Reason" value={machine.reason ?? '—'} />
          <Fact label="Temperature" value={formatTemperature(machine.temperature)} />
          <Fact label="Units" value={formatCount(machine.unitsProduced)} />
          <Fact label="Line" value={machine.lineId} />
          <Fact label="Last seen" value={formatAgo(machine.lastSeenAt, now)} />
        </dl>
        {offline && (
          <p className="last-seen-note" data-testid="machine-offline-note">
            Offline: the values are from when it was last seen, {formatAgo(machine.lastSeenAt, now)}
            .
          </p>
        )}
      </div>
      <div className="machine-grid">
        <MachineAlertsPanel machineId={machineId} user={user} now={now} />
        <TrendPanel machineId={machineId} />
        <OeePanel machineId={machineId} />
        {roleHas(user.role, 'machines.command') && (
          <CommandPanel
            machineId={machineId}
            machineName={machine.name}
            commands={history.commands}
            onSent={(record) => history.remember([record])}
          />
        )}
        <CommandHistory commands={history.commands} />
        <RecentResults machineId={machineId} />
        <StateTimelinePanel
          machineId={machineId}
          refreshKey={`${machine.state}|${machine.stateSince}`}
        />
        <DowntimePanel
          machineId={machineId}
          refreshKey={`${machine.state}|${machine.stateSince}`}
        />
        {/* Engineers set their lines' limits here (the backend checks the line). */}
        {roleHas(user.role, 'thresholds.manage') && (
          <AlarmLimitsSection
            machineId={machineId}
            lineId={machine.lineId}
            lineMachines={machines
              .filter((candidate) => candidate.lineId === machine.lineId)
              .map((candidate) => candidate.machineId)}
          />
        )}
      </div>
    </section>
  );
}

function OverviewLink({ label }: { label: string }) {
  const navigate = useRoute((state) => state.navigate);
  return (
    <a
      href="#/overview"
      onClick={(event) => {
        event.preventDefault();
        navigate('overview');
      }}
    >
      {label}
    </a>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd className="fact-value">{value}</dd>
    </div>
  );
}
