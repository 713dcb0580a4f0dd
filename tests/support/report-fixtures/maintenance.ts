import type { Report } from '../../../src/shared/contract';
import { SHIFT_FROM, figure, minutesAfter, report, section, table } from './common';

/** The maintenance report of the fixture plant. */
export function maintenanceReport(): Report {
  const figures = [
    figure('tasksDone', 'Tasks done', 3, 'count'),
    figure('overdue', 'Overdue', 1, 'count'),
    figure('predicted', 'Predicted', 1, 'count', 'threshold crossing within 72 h'),
  ];
  const sections = [
    section('tasks-done', 'Tasks done', {
      tables: [
        table(
          'tasks-done',
          'Completed in the range',
          [
            ['machine', 'Machine', 'text'],
            ['task', 'Task', 'text'],
            ['completedAt', 'Completed at', 'time'],
            ['by', 'By', 'text'],
            ['notes', 'Notes', 'text'],
          ],
          [
            [
              'Press 1 (M-1)',
              'Lubricate ram guides',
              minutesAfter(SHIFT_FROM, 95),
              'tech.ali',
              'Grease type EP2',
            ],
            [
              'Leak tester 3 (M-3)',
              'Replace test seal',
              minutesAfter(SHIFT_FROM, 310),
              'tech.ali',
              null,
            ],
            [
              'Torque station 2 (M-2)',
              'Calibrate torque transducer',
              minutesAfter(SHIFT_FROM, 400),
              'tech.lee',
              'Within 0.4 % of reference',
            ],
          ],
        ),
      ],
    }),
    section('overdue', 'Overdue', {
      note: 'At the time of generation: machines past their service interval and open tasks past due.',
      tables: [
        table(
          'overdue',
          'Overdue service',
          [
            ['machine', 'Machine', 'text'],
            ['what', 'What', 'text'],
            ['due', 'Due', 'time'],
            ['overdueBy', 'Overdue by', 'minutes'],
          ],
          [['Torque station 2 (M-2)', 'Service interval 500 h', '2026-11-21T18:00:00.000Z', 1145]],
        ),
      ],
    }),
    section('predicted', 'Predicted', {
      tables: [
        table(
          'predicted',
          'Threshold crossings predicted',
          [
            ['machine', 'Machine', 'text'],
            ['metric', 'Metric', 'text'],
            ['threshold', 'Threshold', 'number'],
            ['crossesAt', 'Crosses at', 'time'],
          ],
          [['Press 1 (M-1)', 'spindle temperature', 80, '2026-11-24T02:30:00.000Z']],
        ),
      ],
    }),
    section('open-tasks', 'Open tasks', {
      tables: [
        table(
          'open-tasks',
          'Open tasks',
          [
            ['machine', 'Machine', 'text'],
            ['task', 'Task', 'text'],
            ['due', 'Due', 'time'],
          ],
          [],
          'No open tasks.',
        ),
      ],
    }),
  ];
  return report('maintenance', 'Maintenance report', figures, sections, '9f8e7d');
}
