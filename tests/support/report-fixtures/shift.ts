import type { Report } from '../../../src/shared/contract';
import {
  HOURS,
  MACHINES,
  SHIFT_FROM,
  figure,
  minutesAfter,
  report,
  section,
  seeded,
  table,
} from './common';

/** The morning shift report of the fixture plant. */
export function shiftReport(options: { downtimeRows?: number } = {}): Report {
  const availability = 0.8831;
  const performance = 0.9132;
  const quality = 0.9641;
  const figures = [
    figure('units', 'Units', 1284, 'count', 'good and bad units counted by the machines'),
    figure('oee', 'OEE', availability * performance * quality, 'share', 'A × P × Q'),
    figure('availability', 'Availability', availability, 'share'),
    figure('performance', 'Performance', performance, 'share'),
    figure('quality', 'Quality', quality, 'share'),
    figure('firstPassYield', 'First-pass yield', 0.9375, 'share', '1,230 of 1,312 units'),
    figure('unitsTested', 'Units tested', 1312, 'count'),
    figure('downtimeMinutes', 'Downtime', 56.5, 'minutes', '7 stops'),
    figure('alertsRaised', 'Alerts raised', 14, 'count'),
  ];
  const random = seeded(7);
  const hourly = (base: number, spread: number) =>
    HOURS.map(() => Math.min(1, base + (random() - 0.5) * spread));
  const reasons = [
    'Tool change',
    'Material shortage, waiting for coil "B-17"',
    'Jam at infeed',
    'Planned cleaning',
    null,
  ];
  const downtimeCount = options.downtimeRows ?? 7;
  const downtime = Array.from({ length: downtimeCount }, (_, index) => {
    const machine = MACHINES[index % MACHINES.length]!;
    const start = minutesAfter(SHIFT_FROM, (index * 67) % 470);
    const minutes = 3 + ((index * 7.5) % 14);
    return [
      machine.line,
      `${machine.name} (${machine.id})`,
      index % 4 === 0 ? 'fault' : 'idle',
      start,
      minutesAfter(start, minutes),
      minutes,
      reasons[index % reasons.length] ?? null,
    ];
  });
  const sections = [
    section('oee', 'OEE', {
      note: 'Availability = run time ÷ planned time; performance = ideal cycle × units ÷ run time; quality = good ÷ units. OEE = A × P × Q.',
      charts: [
        {
          key: 'oee-by-hour',
          title: 'OEE by hour',
          kind: 'bars',
          categories: HOURS,
          unit: 'share',
          series: [
            { name: 'Availability', values: hourly(0.88, 0.2), as: 'line' },
            { name: 'Performance', values: hourly(0.91, 0.1), as: 'line' },
            { name: 'Quality', values: hourly(0.96, 0.05), as: 'line' },
            { name: 'OEE', values: hourly(0.77, 0.2), as: 'line' },
          ],
        },
      ],
      tables: [
        table(
          'oee-by-machine',
          'OEE by machine',
          [
            ['line', 'Line', 'text'],
            ['machine', 'Machine', 'text'],
            ['planned', 'Planned', 'minutes'],
            ['run', 'Run', 'minutes'],
            ['units', 'Units', 'count'],
            ['availability', 'Availability', 'share'],
            ['performance', 'Performance', 'share'],
            ['quality', 'Quality', 'share'],
            ['oee', 'OEE', 'share'],
          ],
          [
            ['L-1', 'Press 1 (M-1)', 480, 431, 512, 0.8979, 0.9321, 0.9727, 0.8141],
            ['L-1', 'Torque station 2 (M-2)', 480, 402, 455, 0.8375, 0.8894, 0.9516, 0.7088],
            ['L-2', 'Leak tester 3 (M-3)', 480, 438, 317, 0.9125, 0.918, 0.9685, 0.8113],
          ],
        ),
      ],
    }),
    section('units', 'Units', {
      charts: [
        {
          key: 'units-by-hour',
          title: 'Units by hour',
          kind: 'bars',
          categories: HOURS,
          unit: 'count',
          series: [
            { name: 'L-1', values: [118, 121, 97, 124, 60, 119, 122, 106], as: 'bar' },
            { name: 'L-2', values: [41, 40, 38, 42, 39, 0, 40, 37], as: 'bar' },
          ],
        },
      ],
    }),
    section('top-failures', 'Test steps that failed most', {
      note: 'First attempts only: a retest that passes does not hide the failure.',
      tables: [
        table(
          'top-failing-steps',
          'Top five failing steps',
          [
            ['product', 'Product', 'text'],
            ['step', 'Step', 'text'],
            ['failures', 'Failures', 'count'],
            ['tests', 'First-attempt tests', 'count'],
            ['failRate', 'Fail rate', 'share'],
          ],
          [
            ['PRD-100', 'leak_rate', 31, 317, 31 / 317],
            ['PRD-200', 'torque_final', 22, 455, 22 / 455],
            ['PRD-100', 'seal_force', 12, 317, 12 / 317],
            ['PRD-200', 'angle', 9, 455, 9 / 455],
            ['PRD-300', 'press_depth', 8, 512, 8 / 512],
          ],
        ),
      ],
      charts: [
        {
          key: 'top-failing-steps',
          title: 'Failures by step',
          kind: 'bars',
          categories: [
            'PRD-100 leak_rate',
            'PRD-200 torque_final',
            'PRD-100 seal_force',
            'PRD-200 angle',
            'PRD-300 press_depth',
          ],
          unit: 'count',
          series: [{ name: 'Failures', values: [31, 22, 12, 9, 8], as: 'bar' }],
        },
      ],
    }),
    section('downtime', 'Downtime', {
      note: 'Stops of the machines in scope that overlap the range, cut to the range.',
      tables: [
        table(
          'downtime',
          'Downtime events',
          [
            ['line', 'Line', 'text'],
            ['machine', 'Machine', 'text'],
            ['state', 'State', 'text'],
            ['start', 'Start', 'time'],
            ['end', 'End', 'time'],
            ['minutes', 'Duration', 'minutes'],
            ['reason', 'Reason', 'text'],
          ],
          downtime,
        ),
      ],
    }),
    section('alerts', 'Alerts', {
      tables: [
        table(
          'alerts-by-priority',
          'Alerts by priority',
          [
            ['priority', 'Priority', 'text'],
            ['raised', 'Raised', 'count'],
            ['acknowledged', 'Acknowledged', 'count'],
            ['open', 'Still open at the end', 'count'],
          ],
          [
            ['critical', 2, 2, 0],
            ['high', 5, 4, 1],
            ['medium', 7, 5, 2],
          ],
        ),
      ],
    }),
    section('maintenance', 'Maintenance done', {
      tables: [
        table(
          'maintenance-done',
          'Maintenance tasks completed',
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
          ],
        ),
      ],
    }),
  ];
  return report('shift', 'Shift report', figures, sections, 'a1b2c3');
}
