import type { MaintenanceTask } from '../../../../shared/contract';
import { DataTable } from '../../components/data-table/DataTable';
import type { DataColumn } from '../../components/data-table/columns';
import { formatDateTime } from '../../lib/time';
import { TASK_STATUS_LABEL } from './maintenance-look';
import { MachineLabel } from '../../components/SimMark';

interface TaskTableProps {
  caption: string;
  tasks: readonly MaintenanceTask[];
  canManage: boolean;
  pending: boolean;
  onStart: (task: MaintenanceTask) => void;
  onComplete: (task: MaintenanceTask) => void;
}

const COLUMNS: readonly DataColumn<MaintenanceTask>[] = [
  {
    id: 'machine',
    header: 'Machine',
    cellClassName: 'nowrap',
    cell: (task) => <MachineLabel machineId={task.machineId} />,
    sortValue: (task) => task.machineId,
  },
  {
    id: 'task',
    header: 'Task',
    cellClassName: 'wide',
    cell: (task) => (
      <>
        {task.title}
        {(task.completionNotes ?? task.notes) && (
          <p className="alert-note">{task.completionNotes ?? task.notes}</p>
        )}
      </>
    ),
  },
  {
    id: 'status',
    header: 'Status',
    cellClassName: 'nowrap',
    cell: (task) => TASK_STATUS_LABEL[task.status],
  },
  {
    id: 'due',
    header: 'Due',
    cellClassName: 'nowrap',
    cell: (task) => formatDateTime(task.dueAt),
    sortValue: (task) => task.dueAt,
  },
  { id: 'last-change', header: 'Last change', cellClassName: 'nowrap', cell: lastChange },
];

/** Maintenance tasks; open ones carry Start and Complete for those who may act. */
export function TaskTable({
  caption,
  tasks,
  canManage,
  pending,
  onStart,
  onComplete,
}: TaskTableProps) {
  const columns: readonly DataColumn<MaintenanceTask>[] = [
    ...COLUMNS,
    {
      id: 'actions',
      header: 'Actions',
      hideHeader: true,
      cell: (task) =>
        canManage &&
        task.status !== 'done' && (
          <div className="row-actions">
            {task.status === 'scheduled' && (
              <button type="button" disabled={pending} onClick={() => onStart(task)}>
                Start
              </button>
            )}
            <button type="button" onClick={() => onComplete(task)}>
              Complete
            </button>
          </div>
        ),
    },
  ];
  return (
    <DataTable
      rows={tasks}
      columns={columns}
      rowKey={(task) => task.id}
      caption={caption}
      testId="task-table"
      scrollClassName="table-scroll-short"
      rowProps={() => ({ 'data-testid': 'task-row' })}
      empty="None."
    />
  );
}

function lastChange(task: MaintenanceTask): string {
  if (task.completedAt) return `${formatDateTime(task.completedAt)} · ${task.completedBy ?? ''}`;
  if (task.startedAt) return `${formatDateTime(task.startedAt)} · ${task.startedBy ?? ''}`;
  return `${formatDateTime(task.createdAt)} · ${task.createdBy}`;
}
