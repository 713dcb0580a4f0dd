import { useState } from 'react';
import {
  roleHas,
  type MaintenanceStatus,
  type MaintenanceTask,
  type User,
} from '../../../../shared/contract';
import { api } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeader } from '../../components/PageHeader';
import { useAction } from '../../hooks/use-action';
import { useLoad } from '../../hooks/use-load';
import { useNow } from '../../hooks/use-now';
import { CompleteTaskDialog } from './CompleteTaskDialog';
import { MachineMaintenanceTable } from './MachineMaintenanceTable';
import { PlanDialog } from './PlanDialog';
import { ScheduleTaskDialog } from './ScheduleTaskDialog';
import { TaskTable } from './TaskTable';
import { byUrgency } from './maintenance-look';
import './maintenance.css';

type Dialog =
  | { kind: 'plan'; machine: MaintenanceStatus }
  | { kind: 'schedule'; machine: MaintenanceStatus }
  | { kind: 'complete'; task: MaintenanceTask };

/** Usage-based service per machine, and the tasks planned, under way and done. */
export function MaintenancePage({ user }: { user: User }) {
  const canManage = roleHas(user.role, 'maintenance.manage');
  const [version, setVersion] = useState(0);
  // Usage grows while machines run and no topic carries it: read again every minute.
  const minute = Math.floor(useNow(60_000) / 60_000);
  const key = `${version}|${minute}`;
  const overview = useLoad(() => api.call('maintenance.overview', {}), key);
  const tasks = useLoad(() => api.call('maintenance.tasks', { limit: 200 }), key);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const starting = useAction();
  const refresh = (): void => setVersion((value) => value + 1);
  const done = (): void => {
    setDialog(null);
    refresh();
  };

  const machines = [...(overview.data ?? [])].sort(byUrgency);
  const open = (tasks.data ?? []).filter((task) => task.status !== 'done');
  const history = (tasks.data ?? []).filter((task) => task.status === 'done');
  const taskProps = {
    canManage,
    pending: starting.disabled,
    onStart: (task: MaintenanceTask) =>
      void starting.run(async () => {
        await api.call('maintenance.updateTask', { id: task.id, action: 'start' });
        refresh();
      }),
    onComplete: (task: MaintenanceTask) => setDialog({ kind: 'complete', task }),
  };

  return (
    <section aria-labelledby="page-title" data-testid="page-maintenance">
      <PageHeader title="Maintenance">
        <button type="button" onClick={refresh}>
          Refresh
        </button>
      </PageHeader>
      <ErrorMessage error={overview.error ?? tasks.error ?? starting.error} />
      <h2>Machines</h2>
      {overview.data && machines.length === 0 ? (
        <p className="empty-state">No machines have reported yet.</p>
      ) : (
        <MachineMaintenanceTable
          machines={machines}
          canManage={canManage}
          onPlan={(machine) => setDialog({ kind: 'plan', machine })}
          onSchedule={(machine) => setDialog({ kind: 'schedule', machine })}
        />
      )}
      <div className="maintenance-tasks">
        <section aria-labelledby="open-tasks-title">
          <h2 id="open-tasks-title">Open tasks</h2>
          {tasks.data && <TaskTable caption="Open tasks" tasks={open} {...taskProps} />}
        </section>
        <section aria-labelledby="task-history-title">
          <h2 id="task-history-title">History</h2>
          {tasks.data && <TaskTable caption="Completed tasks" tasks={history} {...taskProps} />}
        </section>
      </div>
      {dialog?.kind === 'plan' && (
        <PlanDialog machine={dialog.machine} onDone={done} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'schedule' && (
        <ScheduleTaskDialog
          machine={dialog.machine}
          onDone={done}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'complete' && (
        <CompleteTaskDialog task={dialog.task} onDone={done} onClose={() => setDialog(null)} />
      )}
    </section>
  );
}
