import type { Database } from 'better-sqlite3';
import { MaintenanceStore } from '../../store/maintenance-store';
import { OeeStore } from '../../store/oee-store';
import { countUsageFrom, UsageSinceService } from '../../store/usage-since-service';
import { SettingsStore } from '../../store/settings-store';
import type { ReportJob } from '../report-job';
import { PlantNames } from './plant-names';
import { column, figure, iso, MINUTE_MS, table, type ReportBody } from './report-parts';
import { inMachines, scopeParams } from './report-scope-sql';

interface TaskRow {
  machine_id: string;
  title: string;
  status: string;
  due_ms: number | null;
  created_by: string;
  created_ms: number;
  completed_by: string | null;
  completed_ms: number | null;
  completion_notes: string | null;
}

/**
 * The maintenance report: tasks completed in the range, and — at the time of generation —
 * what is overdue, what the temperature trend predicts, and the open tasks.
 */
export function maintenanceReport(db: Database, job: ReportJob): ReportBody {
  const names = new PlantNames(db, job.scope.machineIds);
  const nowMs = job.generatedAtMs;
  const params = { ...scopeParams(job), now: nowMs };
  const done = db
    .prepare(
      `SELECT * FROM maintenance_tasks
       WHERE status = 'done' AND completed_ms >= @from AND completed_ms < @to
         AND ${inMachines('machine_id')}
       ORDER BY completed_ms, id`,
    )
    .all(params) as TaskRow[];
  const open = db
    .prepare(
      `SELECT * FROM maintenance_tasks
       WHERE status != 'done' AND ${inMachines('machine_id')}
       ORDER BY due_ms IS NULL, due_ms, created_ms, id`,
    )
    .all(params) as TaskRow[];

  // The same plan status and projection the Maintenance page shows, read at generation time.
  const temperatureLimit = db.prepare(
    `SELECT coalesce(high, high_high) FROM alert_thresholds
     WHERE machine_id = ? AND metric = 'temperature'`,
  );
  const statuses = new MaintenanceStore(
    db,
    // A report reads once: nothing to keep between reports.
    new UsageSinceService(countUsageFrom(new OeeStore(db))),
    (machineId) => (temperatureLimit.pluck().get(machineId) as number | null | undefined) ?? null,
  ).status(job.scope.machineIds, nowMs);
  const horizonMinutes = new SettingsStore(db).get().predictionHorizonMinutes;

  const overdue: (string | number | null)[][] = [];
  for (const status of statuses) {
    if (status.status === 'due' || status.status === 'overdue') {
      overdue.push([
        names.machine(status.machineId),
        'Service interval',
        `${status.status === 'overdue' ? 'Overdue' : 'Due'}: ${Math.round((status.share ?? 0) * 100)} % of the interval used`,
        status.plan?.lastServiceAt ?? null,
      ]);
    }
  }
  for (const task of open) {
    if (task.due_ms !== null && task.due_ms < nowMs) {
      overdue.push([names.machine(task.machine_id), 'Task', task.title, iso(task.due_ms)]);
    }
  }

  const predicted = statuses.filter(
    (status) =>
      status.prediction?.reachesAt != null &&
      Date.parse(status.prediction.reachesAt) - nowMs <= horizonMinutes * MINUTE_MS,
  );

  return {
    figures: [
      figure('tasksDone', 'Tasks done', done.length, 'count', 'Completed in the range'),
      figure('overdue', 'Overdue', overdue.length, 'count', 'At the time of generation'),
      figure(
        'predicted',
        'Predicted',
        predicted.length,
        'count',
        `Within ${horizonMinutes} minutes`,
      ),
    ],
    sections: [
      {
        key: 'tasks-done',
        title: 'Tasks done',
        note: 'Maintenance tasks completed in the range.',
        figures: [],
        charts: [],
        tables: [
          table(
            'tasks-done',
            'Tasks done',
            [
              column('machine', 'Machine'),
              column('task', 'Task'),
              column('completedAt', 'Completed at', 'time'),
              column('by', 'By'),
              column('notes', 'Notes'),
            ],
            done.map((task) => [
              names.machine(task.machine_id),
              task.title,
              iso(task.completed_ms),
              task.completed_by,
              task.completion_notes,
            ]),
            'No task was completed in this range.',
          ),
        ],
      },
      {
        key: 'overdue',
        title: 'Overdue',
        note: 'At the time of generation: machines that used their service interval (run hours or units since the last service; overdue past 110 %), and open tasks past their due time.',
        figures: [],
        charts: [],
        tables: [
          table(
            'overdue',
            'Overdue',
            [
              column('machine', 'Machine'),
              column('kind', 'What'),
              column('detail', 'Detail'),
              column('since', 'Last service / due', 'time'),
            ],
            overdue,
            'Nothing is overdue.',
          ),
        ],
      },
      {
        key: 'predicted',
        title: 'Predicted',
        note: `Machines whose temperature trend (a straight line fitted over the last 30 minutes) reaches its alarm limit within the prediction horizon of ${horizonMinutes} minutes, at the time of generation.`,
        figures: [],
        charts: [],
        tables: [
          table(
            'predicted',
            'Predicted',
            [
              column('machine', 'Machine'),
              column('metric', 'Metric'),
              column('limit', 'Limit', 'number'),
              column('current', 'Now', 'number'),
              column('slopePerHour', 'Change per hour', 'number'),
              column('reachesAt', 'Reaches the limit', 'time'),
            ],
            predicted.map((status) => [
              names.machine(status.machineId),
              status.prediction!.metric,
              status.prediction!.limit,
              status.prediction!.current,
              status.prediction!.slopePerHour,
              status.prediction!.reachesAt,
            ]),
            'No machine is predicted to reach a limit.',
          ),
        ],
      },
      {
        key: 'open-tasks',
        title: 'Open tasks',
        note: 'Tasks scheduled or in progress at the time of generation.',
        figures: [],
        charts: [],
        tables: [
          table(
            'open-tasks',
            'Open tasks',
            [
              column('machine', 'Machine'),
              column('task', 'Task'),
              column('status', 'Status'),
              column('due', 'Due', 'time'),
              column('createdBy', 'Created by'),
              column('createdAt', 'Created at', 'time'),
            ],
            open.map((task) => [
              names.machine(task.machine_id),
              task.title,
              task.status,
              iso(task.due_ms),
              task.created_by,
              iso(task.created_ms),
            ]),
            'No open tasks.',
          ),
        ],
      },
    ],
  };
}
