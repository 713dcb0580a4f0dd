import type { MaintenanceStatus, MaintenanceTask } from '../../../../shared/contract';

type Status = MaintenanceStatus['status'];

/** Service status as word, shape and colour; never colour alone. */
export const STATUS_LOOK: Record<Status, { label: string; glyph: string; tone: string }> = {
  overdue: { label: 'Overdue', glyph: '■', tone: 'danger' },
  due: { label: 'Due', glyph: '▲', tone: 'warn' },
  ok: { label: 'OK', glyph: '●', tone: 'ok' },
  no_plan: { label: 'No plan', glyph: '○', tone: 'muted' },
};

/** Machines that need service first, so the top of the table is the work to plan. */
const STATUS_RANK: Record<Status, number> = { overdue: 0, due: 1, ok: 2, no_plan: 3 };

export function byUrgency(a: MaintenanceStatus, b: MaintenanceStatus): number {
  return (
    STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
    (b.share ?? 0) - (a.share ?? 0) ||
    a.machineId.localeCompare(b.machineId)
  );
}

export const TASK_STATUS_LABEL: Record<MaintenanceTask['status'], string> = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  done: 'Done',
};
