import type { MachineSnapshot, Threshold } from '../../../../shared/contract';
import { formatNumber } from '../../lib/format';
import { LIMIT_FIELDS, LIMIT_LABEL } from './threshold-draft';

interface MachineListPanelProps {
  machines: readonly MachineSnapshot[];
  thresholds: readonly Threshold[];
  selectedId: string | null;
  onSelect: (machineId: string) => void;
}

/** Every machine with its settings and alarm limits at a glance; "Edit" opens its forms. */
export function MachineListPanel({
  machines,
  thresholds,
  selectedId,
  onSelect,
}: MachineListPanelProps) {
  return (
    <section className="panel" aria-labelledby="machine-list-title">
      <h2 id="machine-list-title">Machines</h2>
      {machines.length === 0 ? (
        <p className="empty-state">No machines yet.</p>
      ) : (
        <div className="table-scroll table-scroll-short">
          <table className="data-table" data-testid="admin-machine-table">
            <caption className="visually-hidden">Machines and their settings</caption>
            <thead>
              <tr>
                <th scope="col">Machine</th>
                <th scope="col">Name</th>
                <th scope="col">Line</th>
                <th scope="col" className="numeric">
                  Ideal cycle
                </th>
                <th scope="col" className="numeric">
                  Heartbeat
                </th>
                <th scope="col">Alarm limits</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {machines.map((machine) => (
                <tr
                  key={machine.machineId}
                  className={machine.machineId === selectedId ? 'row-selected' : undefined}
                  data-machine-id={machine.machineId}
                >
                  <td>
                    <code>{machine.machineId}</code>
                  </td>
                  <td>{machine.name}</td>
                  <td>
                    <code>{machine.lineId}</code>
                  </td>
                  <td className="numeric nowrap">
                    {machine.idealCycleTimeS == null
                      ? 'not set'
                      : `${formatNumber(machine.idealCycleTimeS)} s`}
                  </td>
                  <td className="numeric nowrap">{machine.heartbeatTimeoutS} s</td>
                  <td>
                    <LimitSummary
                      thresholds={thresholds.filter((t) => t.machineId === machine.machineId)}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      aria-label={`Edit ${machine.machineId}`}
                      aria-pressed={machine.machineId === selectedId}
                      onClick={() => onSelect(machine.machineId)}
                    >
                      Edit
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function LimitSummary({ thresholds }: { thresholds: readonly Threshold[] }) {
  if (thresholds.length === 0) return <span className="muted">none</span>;
  return (
    <ul className="limit-summary">
      {thresholds.map((threshold) => (
        <li key={threshold.metric}>
          <strong>{threshold.metric}</strong>{' '}
          {LIMIT_FIELDS.filter((field) => threshold[field] !== null)
            .map((field) => `${LIMIT_LABEL[field]} ${formatNumber(threshold[field])}`)
            .join(' · ')}
        </li>
      ))}
    </ul>
  );
}
