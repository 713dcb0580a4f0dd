import type { MachineSnapshot, Threshold } from '../../../../shared/contract';
import { DataTable } from '../../components/data-table/DataTable';
import type { DataColumn } from '../../components/data-table/columns';
import { formatNumber } from '../../lib/format';
import { LIMIT_FIELDS, LIMIT_LABEL } from './threshold-draft';

interface MachineListPanelProps {
  machines: readonly MachineSnapshot[];
  thresholds: readonly Threshold[];
  selectedId: string | null;
  onSelect: (machineId: string) => void;
}

function machineColumns(thresholds: readonly Threshold[]): DataColumn<MachineSnapshot>[] {
  return [
    {
      id: 'machine',
      header: 'Machine',
      cell: (m) => <code>{m.machineId}</code>,
      sortValue: (m) => m.machineId,
    },
    { id: 'name', header: 'Name', cell: (m) => m.name, sortValue: (m) => m.name },
    {
      id: 'line',
      header: 'Line',
      cell: (m) => <code>{m.lineId}</code>,
      sortValue: (m) => m.lineId,
    },
    {
      id: 'cycle',
      header: 'Ideal cycle',
      align: 'end',
      cellClassName: 'nowrap',
      cell: (m) => (m.idealCycleTimeS == null ? 'not set' : `${formatNumber(m.idealCycleTimeS)} s`),
    },
    {
      id: 'heartbeat',
      header: 'Heartbeat',
      align: 'end',
      cellClassName: 'nowrap',
      cell: (m) => `${m.heartbeatTimeoutS} s`,
    },
    {
      id: 'limits',
      header: 'Alarm limits',
      cell: (m) => (
        <LimitSummary thresholds={thresholds.filter((t) => t.machineId === m.machineId)} />
      ),
    },
  ];
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
      <DataTable
        rows={machines}
        columns={[
          ...machineColumns(thresholds),
          {
            id: 'actions',
            header: 'Actions',
            hideHeader: true,
            cell: (machine) => (
              <button
                type="button"
                aria-label={`Edit ${machine.machineId}`}
                aria-pressed={machine.machineId === selectedId}
                onClick={() => onSelect(machine.machineId)}
              >
                Edit
              </button>
            ),
          },
        ]}
        rowKey={(machine) => machine.machineId}
        caption="Machines and their settings"
        testId="admin-machine-table"
        scrollClassName="table-scroll-short"
        rowClass={(machine) => (machine.machineId === selectedId ? 'row-selected' : undefined)}
        rowProps={(machine) => ({ 'data-machine-id': machine.machineId })}
        empty="No machines yet."
      />
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
