import type { MaintenanceStatus } from '../../../../shared/contract';
import { DataTable } from '../../components/data-table/DataTable';
import type { DataColumn } from '../../components/data-table/columns';
import { formatCount, formatDuration } from '../../lib/format';
import { STATUS_LOOK } from './maintenance-look';
import { UsageBar } from './UsageBar';
import { MachineLabel } from '../../components/SimMark';

interface MachineMaintenanceTableProps {
  machines: readonly MaintenanceStatus[];
  canManage: boolean;
  onPlan: (machine: MaintenanceStatus) => void;
  onSchedule: (machine: MaintenanceStatus) => void;
}

const COLUMNS: readonly DataColumn<MaintenanceStatus>[] = [
  {
    id: 'machine',
    header: 'Machine',
    rowHeader: true,
    cellClassName: 'cell-id',
    title: (machine) => `${machine.machineId} · ${machine.lineId}`,
    // Machine over line: two short lines cut apart, never one long one cut.
    cell: (machine) => (
      <>
        <span className="id-block">
          <MachineLabel machineId={machine.machineId} />
        </span>
        <span className="id-block muted">{machine.lineId}</span>
      </>
    ),
    sortValue: (machine) => machine.machineId,
  },
  {
    id: 'status',
    header: 'Status',
    cellClassName: 'nowrap',
    cell: (machine) => {
      const look = STATUS_LOOK[machine.status];
      return (
        <span className={`service-status tone-${look.tone}`}>
          <span aria-hidden="true">{look.glyph}</span> {look.label}
        </span>
      );
    },
  },
  {
    id: 'usage',
    header: 'Usage since service',
    cellClassName: 'usage-cell',
    cell: (machine) => (
      <>
        <UsageBar
          label="Run time"
          used={machine.runHoursSinceService}
          interval={machine.plan?.intervalRunHours ?? null}
          format={formatRunHours}
        />
        <UsageBar
          label="Units"
          used={machine.unitsSinceService}
          interval={machine.plan?.intervalUnits ?? null}
          format={(units) => `${formatCount(units)} units`}
        />
      </>
    ),
  },
  {
    id: 'prediction',
    header: 'Prediction',
    cellClassName: 'cell-flex',
    cell: (machine) =>
      machine.prediction ? (
        `Temperature ${machine.prediction.text}`
      ) : (
        <span className="muted">—</span>
      ),
  },
  {
    id: 'open-tasks',
    header: 'Open tasks',
    align: 'end',
    priority: 2,
    cell: (machine) => machine.openTasks,
  },
];

/** One row per machine: service status, usage since the last service, where it is heading. */
export function MachineMaintenanceTable(props: MachineMaintenanceTableProps) {
  const columns: readonly DataColumn<MaintenanceStatus>[] = props.canManage
    ? [
        ...COLUMNS,
        {
          id: 'actions',
          header: 'Actions',
          hideHeader: true,
          pin: true,
          cell: (machine) => (
            <div className="row-actions">
              <button type="button" onClick={() => props.onPlan(machine)}>
                Set plan
              </button>
              <button type="button" onClick={() => props.onSchedule(machine)}>
                Schedule task
              </button>
            </div>
          ),
        },
      ]
    : COLUMNS;
  return (
    <DataTable
      rows={props.machines}
      columns={columns}
      rowKey={(machine) => machine.machineId}
      caption="Service status per machine, most urgent first"
      testId="maintenance-table"
      scrollClassName="maintenance-scroll"
      rowProps={(machine) => ({
        'data-testid': 'maintenance-row',
        'data-machine': machine.machineId,
        'data-status': machine.status,
      })}
    />
  );
}

/** Run hours as a duration: "3 h 05 min" reads better than "3.083 h" across the room. */
function formatRunHours(hours: number): string {
  return formatDuration(hours * 3600);
}
