import type { Report } from '../../../src/shared/contract';
import { HOURS, SHIFT_FROM, figure, minutesAfter, report, section, table } from './common';

/** The alarm report of the fixture shift. */
export function alarmReport(): Report {
  const figures = [
    figure('raised', 'Alerts raised', 38, 'count'),
    figure('acknowledged', 'Acknowledged', 33, 'count'),
    figure('meanTimeToAcknowledgeMinutes', 'Mean time to acknowledge', 4.6, 'minutes'),
    figure('floods', 'Floods', 1, 'count', 'more than 10 alerts in 10 minutes'),
    figure('shelved', 'Shelved', 2, 'count'),
  ];
  const sections = [
    section('by-hour', 'Alerts by hour', {
      charts: [
        {
          key: 'alerts-by-hour',
          title: 'Alerts raised by hour and priority',
          kind: 'bars',
          categories: HOURS,
          unit: 'count',
          series: [
            { name: 'critical', values: [0, 1, 0, 0, 1, 0, 0, 0], as: 'bar' },
            { name: 'high', values: [1, 2, 0, 1, 6, 1, 0, 1], as: 'bar' },
            { name: 'medium', values: [2, 1, 3, 2, 9, 2, 2, 3], as: 'bar' },
          ],
        },
      ],
      tables: [
        table(
          'by-priority-source',
          'Alerts by priority and source',
          [
            ['priority', 'Priority', 'text'],
            ['source', 'Source', 'text'],
            ['alerts', 'Alerts', 'count'],
          ],
          [
            ['critical', 'threshold', 2],
            ['high', 'threshold', 8],
            ['high', 'spc', 4],
            ['medium', 'connectivity', 17],
            ['medium', 'maintenance', 7],
          ],
        ),
      ],
    }),
    section('floods', 'Alarm floods', {
      note: 'ISA-18.2: more than 10 alerts raised within any 10 minutes; overlapping windows merged.',
      tables: [
        table(
          'floods',
          'Floods',
          [
            ['start', 'Start', 'time'],
            ['end', 'End', 'time'],
            ['alerts', 'Alerts', 'count'],
          ],
          [[minutesAfter(SHIFT_FROM, 241), minutesAfter(SHIFT_FROM, 252), 14]],
        ),
      ],
    }),
    section('noisiest', 'Noisiest alerts', {
      tables: [
        table(
          'noisiest',
          'The ten noisiest conditions',
          [
            ['source', 'Source', 'text'],
            ['line', 'Line', 'text'],
            ['machine', 'Machine', 'text'],
            ['message', 'Latest message', 'text'],
            ['raised', 'Times raised', 'count'],
          ],
          [
            ['connectivity', 'L-2', 'Leak tester 3 (M-3)', 'No telemetry for 60 s', 9],
            ['threshold', 'L-1', 'Press 1 (M-1)', 'Spindle temperature 81.4 °C above 80 °C', 6],
            [
              'spc',
              'L-1',
              'Torque station 2 (M-2)',
              'PRD-200 torque_final: 9 points on one side of the mean',
              4,
            ],
          ],
        ),
      ],
    }),
    section('ack-times', 'Time to acknowledge', {
      tables: [
        table(
          'ack-times',
          'Time to acknowledge by priority',
          [
            ['priority', 'Priority', 'text'],
            ['acknowledged', 'Acknowledged', 'count'],
            ['mean', 'Mean', 'minutes'],
            ['longest', 'Longest', 'minutes'],
          ],
          [
            ['critical', 2, 1.5, 2],
            ['high', 11, 3.2, 9.5],
            ['medium', 20, 5.8, 22],
          ],
        ),
      ],
    }),
    section('shelved', 'Shelved alerts', {
      tables: [
        table(
          'shelved',
          'Alerts shelved in the range',
          [
            ['raised', 'Raised', 'time'],
            ['machine', 'Machine', 'text'],
            ['message', 'Message', 'text'],
            ['by', 'Shelved by', 'text'],
            ['reason', 'Reason', 'text'],
            ['until', 'Until', 'time'],
          ],
          [
            [
              minutesAfter(SHIFT_FROM, 130),
              'Leak tester 3 (M-3)',
              'No telemetry for 60 s',
              'engineer.kim',
              'Network switch replaced, known outage',
              minutesAfter(SHIFT_FROM, 250),
            ],
            [
              minutesAfter(SHIFT_FROM, 200),
              'Press 1 (M-1)',
              'Spindle temperature above 80 °C',
              'engineer.kim',
              'Sensor recalibration scheduled',
              minutesAfter(SHIFT_FROM, 480),
            ],
          ],
        ),
      ],
    }),
  ];
  return report('alarm', 'Alarm report', figures, sections, '0a0b0c');
}
