import type { Report, ReportChart, ReportSection, ReportTable } from '../../../src/shared/contract';
import { capability, histogram, individualsStats, nelsonRules } from '../../../src/shared/spc';
import { seeded, normal, table, section, figure, report } from './common';

/** The quality report: three product steps with known capability. */
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
