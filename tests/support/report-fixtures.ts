import { createHash } from 'node:crypto';
import type {
  KeyFigure,
  PaperSize,
  Report,
  ReportChart,
  ReportMeta,
  ReportSection,
  ReportTable,
  ReportType,
} from '../../src/shared/contract';
import type { ReportJob } from '../../src/backend/reports/report-job';
import { capability, histogram, individualsStats, nelsonRules } from '../../src/shared/spc';

/**
 * Hand-made reports shaped like the data builder's output (see issue 5): a morning shift on
 * three machines of two lines in a plant in Europe/Berlin (UTC+01:00 in November). Built from plain numbers, so the
 * rendering is tested on its own; the real builder's path is tested through the server.
 */

/** UTC+01:00 in November. */
export const PLANT_TIME_ZONE = 'Europe/Berlin';
/** 06:00 – 14:00 plant time. */
export const SHIFT_FROM = '2026-11-22T05:00:00.000Z';
export const SHIFT_TO = '2026-11-22T13:00:00.000Z';
const GENERATED_AT = '2026-11-22T13:05:00.000Z';

const MACHINES = [
  { id: 'M-1', name: 'Press 1', line: 'L-1' },
  { id: 'M-2', name: 'Torque station 2', line: 'L-1' },
  { id: 'M-3', name: 'Leak tester 3', line: 'L-2' },
];

/** A small seeded generator: the same fixture every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function table(
  key: string,
  title: string,
  columns: Array<[string, string, ReportTable['columns'][number]['format']]>,
  rows: ReportTable['rows'],
  emptyText = 'None in this range.',
): ReportTable {
  return {
    key,
    title,
    columns: columns.map(([columnKey, label, format]) => ({ key: columnKey, label, format })),
    rows,
    emptyText,
  };
}

function section(
  key: string,
  title: string,
  parts: Partial<Pick<ReportSection, 'note' | 'figures' | 'charts' | 'tables'>>,
): ReportSection {
  return { key, title, figures: [], charts: [], tables: [], ...parts };
}

function figure(
  key: string,
  label: string,
  value: number | null,
  unit: KeyFigure['unit'],
  note?: string,
): KeyFigure {
  return note === undefined ? { key, label, value, unit } : { key, label, value, unit, note };
}

const HOURS = Array.from({ length: 8 }, (_, hour) =>
  new Date(Date.parse(SHIFT_FROM) + hour * 3_600_000).toISOString(),
);

function minutesAfter(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * 60_000).toISOString();
}

/** The meta every fixture shares; the SHA-256 is the real hash of the data, as the builder's. */
function meta(
  type: ReportType,
  title: string,
  figures: KeyFigure[],
  sections: ReportSection[],
  idTail: string,
): ReportMeta {
  return {
    id: `${{ shift: 'SR', quality: 'QR', alarm: 'AR', maintenance: 'MR' }[type]}-20261122T1305-${idTail}`,
    type,
    title,
    plantName: 'Riverside Plant',
    scope: {
      kind: 'plant',
      lineId: null,
      machineId: null,
      label: 'Plant',
      machineIds: MACHINES.map((machine) => machine.id),
      simulated: { included: false, count: 0 },
    },
    from: SHIFT_FROM,
    to: SHIFT_TO,
    generatedAt: GENERATED_AT,
    generatedBy: 'engineer.kim',
    dataSha256: createHash('sha256').update(JSON.stringify({ figures, sections })).digest('hex'),
    completeness: {
      share: 451 / 480,
      minutesWithData: 451,
      minutesInRange: 480,
      gaps: [
        { from: minutesAfter(SHIFT_FROM, 185), to: minutesAfter(SHIFT_FROM, 203), minutes: 18 },
        { from: minutesAfter(SHIFT_FROM, 47), to: minutesAfter(SHIFT_FROM, 54), minutes: 7 },
        { from: minutesAfter(SHIFT_FROM, 300), to: minutesAfter(SHIFT_FROM, 302), minutes: 2 },
        { from: minutesAfter(SHIFT_FROM, 401), to: minutesAfter(SHIFT_FROM, 403), minutes: 2 },
      ],
      gapCount: 4,
    },
  };
}

function report(
  type: ReportType,
  title: string,
  figures: KeyFigure[],
  sections: ReportSection[],
  idTail: string,
): Report {
  return { meta: meta(type, title, figures, sections, idTail), figures, sections };
}

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

interface StepSpec {
  product: string;
  step: string;
  target: number;
  sigma: number;
  lower: number | null;
  upper: number | null;
  drift: number;
}

const STEPS: StepSpec[] = [
  {
    product: 'PRD-100',
    step: 'leak_rate',
    target: 0.42,
    sigma: 0.05,
    lower: null,
    upper: 0.6,
    drift: 0,
  },
  {
    product: 'PRD-200',
    step: 'torque_final',
    target: 12.1,
    sigma: 0.18,
    lower: 11.5,
    upper: 12.5,
    drift: 0.004,
  },
  {
    product: 'PRD-300',
    step: 'press_depth',
    target: 4.98,
    sigma: 0.012,
    lower: 4.95,
    upper: 5.05,
    drift: 0,
  },
];

function stepSection(
  spec: StepSpec,
  seed: number,
): { section: ReportSection; row: ReportTable['rows'][number] } {
  const random = seeded(seed);
  const values = Array.from(
    { length: 240 },
    (_, index) => spec.target + spec.drift * index + normal(random) * spec.sigma,
  );
  const stats = individualsStats(values)!;
  const judged = values.length;
  const passed = values.filter(
    (value) =>
      (spec.lower === null || value >= spec.lower) && (spec.upper === null || value <= spec.upper),
  ).length;
  const mean = stats.mean;
  const sd = Math.sqrt(
    values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1),
  );
  const { cp, cpk } = capability(mean, stats.sigma, { lower: spec.lower, upper: spec.upper });
  const shown = values.slice(-200);
  const include = [spec.lower, spec.upper].filter((limit): limit is number => limit !== null);
  const charts: ReportChart[] = [
    {
      key: 'histogram',
      title: 'Histogram',
      kind: 'histogram',
      bins: histogram(values, undefined, include),
      lower: spec.lower,
      upper: spec.upper,
    },
    {
      key: 'individuals',
      title: 'Individuals chart (last 200 values)',
      kind: 'individuals',
      values: shown,
      mean,
      upperControl: stats.upperControl,
      lowerControl: stats.lowerControl,
      lower: spec.lower,
      upper: spec.upper,
      hits: nelsonRules(shown, mean, stats.sigma),
    },
  ];
  const figures = [
    figure('count', 'Results', values.length, 'count'),
    figure('passRate', 'Pass rate', passed / judged, 'share'),
    figure('mean', 'Mean', mean, 'value'),
    figure('sd', 'Std deviation', sd, 'value', 'sample'),
    figure('cp', 'Cp', cp, 'index', cp === null ? 'needs both limits' : undefined),
    figure('cpk', 'Cpk', cpk, 'index'),
  ];
  return {
    section: section(
      `step-${spec.product.toLowerCase()}-${spec.step.replace(/_/g, '-')}`,
      `${spec.product} · ${spec.step}`,
      {
        note: `Spec v3 in force at the end of the range: ${spec.lower ?? 'no lower limit'} … ${spec.upper ?? 'no upper limit'}. Sigma for Cp/Cpk = MR̄ / d2.`,
        figures,
        charts,
      },
    ),
    row: [
      spec.product,
      spec.step,
      values.length,
      judged,
      passed,
      passed / judged,
      mean,
      sd,
      cp,
      cpk,
      spec.lower,
      spec.upper,
    ],
  };
}

export function qualityReport(): Report {
  const steps = STEPS.map((spec, index) => stepSection(spec, 11 + index));
  const results = steps.reduce((sum, step) => sum + Number(step.row[2]), 0);
  const passed = steps.reduce((sum, step) => sum + Number(step.row[4]), 0);
  const figures = [
    figure('results', 'Results', results, 'count'),
    figure('passRate', 'Pass rate', passed / results, 'share'),
    figure('productSteps', 'Product steps', steps.length, 'count'),
  ];
  const overview = section('steps', 'Test steps', {
    tables: [
      table(
        'steps',
        'Capability by product and step',
        [
          ['product', 'Product', 'text'],
          ['step', 'Step', 'text'],
          ['count', 'Count', 'count'],
          ['judged', 'Judged', 'count'],
          ['passed', 'Passed', 'count'],
          ['passRate', 'Pass rate', 'share'],
          ['mean', 'Mean', 'number'],
          ['sd', 'Std dev', 'number'],
          ['cp', 'Cp', 'number'],
          ['cpk', 'Cpk', 'number'],
          ['lower', 'Lower', 'number'],
          ['upper', 'Upper', 'number'],
        ],
        steps.map((step) => step.row),
      ),
      table(
        'spec-versions',
        'Spec versions in force',
        [
          ['product', 'Product', 'text'],
          ['step', 'Step', 'text'],
          ['version', 'Version', 'count'],
          ['lower', 'Lower', 'number'],
          ['upper', 'Upper', 'number'],
          ['validFrom', 'Valid from', 'time'],
          ['createdBy', 'Created by', 'text'],
        ],
        STEPS.flatMap((spec) => [
          [
            spec.product,
            spec.step,
            3,
            spec.lower,
            spec.upper,
            '2026-11-01T08:00:00.000Z',
            'engineer.kim',
          ],
        ]),
      ),
    ],
  });
  return report(
    'quality',
    'Quality report',
    figures,
    [overview, ...steps.map((step) => step.section)],
    'd4e5f6',
  );
}

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

export const FIXTURES: Record<ReportType, () => Report> = {
  shift: shiftReport,
  quality: qualityReport,
  alarm: alarmReport,
  maintenance: maintenanceReport,
};

/** The job a report was built for, as the report service makes it. */
export function jobFor(report: Report, paper: PaperSize = 'A4'): ReportJob {
  return {
    type: report.meta.type,
    fromMs: Date.parse(report.meta.from),
    toMs: Date.parse(report.meta.to),
    scope: report.meta.scope,
    visibleLineIds: null,
    plantName: report.meta.plantName,
    generatedBy: report.meta.generatedBy,
    generatedAtMs: Date.parse(report.meta.generatedAt),
    reportId: report.meta.id,
    shifts: [],
    timeZone: PLANT_TIME_ZONE,
    render: { html: true, paper },
  };
}

/** Strings an attacker could plant in names, ids, messages and reasons. */
export const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'Tom & Jerry',
];

const ISO = /^\d{4}-\d{2}-\d{2}T/;

/**
 * The same report with hostile text appended to every printed string: labels, titles,
 * notes, names, categories and text cells (times and keys stay as they are).
 */
export function poisoned(source: Report): Report {
  const bad = ` ${HOSTILE.join(' ')}`;
  const text = (value: string) => value + bad;
  const cell = (value: ReportTable['rows'][number][number]) =>
    typeof value === 'string' && !ISO.test(value) ? text(value) : value;
  const figures = (list: KeyFigure[]) =>
    list.map((entry) => ({ ...entry, label: text(entry.label), note: text(entry.note ?? '') }));
  const chart = (entry: ReportChart): ReportChart => {
    if (entry.kind !== 'bars') return { ...entry, title: text(entry.title) };
    return {
      ...entry,
      title: text(entry.title),
      categories: entry.categories.map((category) =>
        ISO.test(category) ? category : text(category),
      ),
      series: entry.series.map((series) => ({ ...series, name: text(series.name) })),
    };
  };
  return {
    meta: {
      ...source.meta,
      title: text(source.meta.title),
      plantName: text(source.meta.plantName),
      generatedBy: text(source.meta.generatedBy),
      scope: { ...source.meta.scope, label: text(source.meta.scope.label) },
    },
    figures: figures(source.figures),
    sections: source.sections.map((entry) => ({
      ...entry,
      title: text(entry.title),
      note: text(entry.note ?? ''),
      figures: figures(entry.figures),
      charts: entry.charts.map(chart),
      tables: entry.tables.map((tableEntry) => ({
        ...tableEntry,
        title: text(tableEntry.title),
        emptyText: text(tableEntry.emptyText),
        columns: tableEntry.columns.map((column) => ({ ...column, label: text(column.label) })),
        rows: tableEntry.rows.map((row) => row.map(cell)),
      })),
    })),
  };
}
