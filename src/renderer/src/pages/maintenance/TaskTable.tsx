import type { MaintenanceTask } from '../../../../shared/contract';
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

/** Maintenance tasks; open ones carry Start and Complete for those who may act. */
export function TaskTable({
  caption,
  tasks,
  canManage,
  pending,
  onStart,
  onComplete,
}: TaskTableProps) {
  if (tasks.length === 0) return <p className="empty-state">None.</p>;
  return (
    <div className="table-scroll table-scroll-short">
      <table className="data-table" data-testid="task-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Machine</th>
            <th scope="col">Task</th>
            <th scope="col">Status</th>
            <th scope="col">Due</th>
            <th scope="col">Last change</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((task) => (
            <tr key={task.id} data-testid="task-row">
              <td className="nowrap">
                <MachineLabel machineId={task.machineId} />
              </td>
              <td className="wide">
                {task.title}
                {(task.completionNotes ?? task.notes) && (
                  <p className="alert-note">{task.completionNotes ?? task.notes}</p>
                )}
              </td>
              <td className="nowrap">{TASK_STATUS_LABEL[task.status]}</td>
              <td className="nowrap">{formatDateTime(task.dueAt)}</td>
              <td className="nowrap">{lastChange(task)}</td>
              <td>
                {canManage && task.status !== 'done' && (
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
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function lastChange(task: MaintenanceTask): string {
  if (task.completedAt) return `${formatDateTime(task.completedAt)} · ${task.completedBy ?? ''}`;
  if (task.startedAt) return `${formatDateTime(task.startedAt)} · ${task.startedBy ?? ''}`;
  return `${formatDateTime(task.createdAt)} · ${task.createdBy}`;
}
