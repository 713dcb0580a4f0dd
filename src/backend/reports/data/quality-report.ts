import type { Database } from 'better-sqlite3';
import type { ReportChart, ReportSection } from '../../../shared/contract';
import {
  capability,
  defaultBinCount,
  histogram,
  individualsStats,
  nelsonRules,
} from '../../../shared/spc';
import type { ReportJob } from '../report-job';
import { column, figure, finite, iso, share, table, type ReportBody } from './report-parts';
import { readSteps, type StepData } from './quality-steps';

/** A section per product and step, up to this many; the steps table lists them all. */
const MAX_STEP_SECTIONS = 24;
/** Points shown on an individuals chart; its mean and limits use every value of the range. */
const SHOWN_POINTS = 200;

interface SpecRow {
  product_id: string;
  test_step: string;
  version: number;
  lower_limit: number | null;
  upper_limit: number | null;
  valid_from_ms: number;
  created_by: string;
  line_id: string | null;
  next_from_ms: number | null;
}

interface StepFigures {
  data: StepData;
  mean: number | null;
  sd: number | null;
  sigma: number | null;
  cp: number | null;
  cpk: number | null;
  lower: number | null;
  upper: number | null;
  upperControl: number | null;
  lowerControl: number | null;
}

/** The quality report: per product and step, counts, capability and the SPC charts. */
export function qualityReport(db: Database, job: ReportJob): ReportBody {
  const steps = readSteps(db, job);
  const specs = specVersions(db, job, steps);
  const figures = steps.map((data) => stepFigures(data, specInForceAtEnd(specs, data, job.toMs)));

  const results = steps.reduce((sum, step) => sum + step.values.length, 0);
  const judged = steps.reduce((sum, step) => sum + step.judged, 0);
  const passed = steps.reduce((sum, step) => sum + step.passed, 0);

  const sections: ReportSection[] = [
    {
      key: 'steps',
      title: 'Test steps',
      note:
        'Pass rate = PASS ÷ judged (PASS or FAIL; NO_SPEC is not judged). Standard deviation is the ' +
        'sample one; Cp and Cpk use the individuals-chart sigma (average moving range ÷ 1.128, over ' +
        'the step’s values in time order) and the spec version in force at the end of the range.',
      figures: [],
      charts: [],
      tables: [
        table(
          'steps',
          'Test steps',
          [
            column('product', 'Product'),
            column('step', 'Step'),
            column('count', 'Count', 'count'),
            column('judged', 'Judged', 'count'),
            column('passed', 'Passed', 'count'),
            column('passRate', 'Pass rate', 'share'),
            column('mean', 'Mean', 'number'),
            column('sd', 'Std dev', 'number'),
            column('cp', 'Cp', 'number'),
            column('cpk', 'Cpk', 'number'),
            column('lower', 'Lower', 'number'),
            column('upper', 'Upper', 'number'),
          ],
          figures.map((one) => [
            one.data.product,
            one.data.step,
            one.data.values.length,
            one.data.judged,
            one.data.passed,
            finite(share(one.data.passed, one.data.judged)),
            finite(one.mean),
            finite(one.sd),
            finite(one.cp),
            finite(one.cpk),
            one.lower,
            one.upper,
          ]),
          'No test results in this range.',
        ),
        table(
          'spec-versions',
          'Spec versions in force',
          [
            column('product', 'Product'),
            column('step', 'Step'),
            column('version', 'Version', 'count'),
            column('appliesTo', 'Applies to'),
            column('lower', 'Lower', 'number'),
            column('upper', 'Upper', 'number'),
            column('validFrom', 'Valid from', 'time'),
            column('createdBy', 'Created by'),
          ],
          specs.map((spec) => [
            spec.product_id,
            spec.test_step,
            spec.version,
            spec.line_id ? `line ${spec.line_id}` : 'plant-wide',
            spec.lower_limit,
            spec.upper_limit,
            iso(spec.valid_from_ms),
            spec.created_by,
          ]),
          'No spec limits were in force for these steps.',
        ),
      ],
    },
  ];
  if (figures.length > MAX_STEP_SECTIONS) {
    sections[0]!.note += ` Charts are shown for the first ${MAX_STEP_SECTIONS} of ${figures.length} product and step pairs; the others are in the table only.`;
  }
  figures.slice(0, MAX_STEP_SECTIONS).forEach((one, index) => {
    sections.push(stepSection(one, index));
  });

  return {
    figures: [
      figure('results', 'Results', results, 'count'),
      figure(
        'passRate',
        'Pass rate',
        share(passed, judged),
        'share',
        `${passed} of ${judged} judged`,
      ),
      figure('productSteps', 'Product and step pairs', steps.length, 'count'),
    ],
    sections,
  };
}

/**
 * Versions in force at any moment of the range, for the steps of the report: each version
 * lasts until the next one (by valid-from, then version) of the same scope takes over. Line
 * versions are those of the report's lines only: another line's limits are not the reader's.
 */
function specVersions(db: Database, job: ReportJob, steps: StepData[]): SpecRow[] {
  const pairs = JSON.stringify(steps.map((step) => [step.product, step.step]));
  return db
    .prepare(
      `WITH wanted AS (
         SELECT json_extract(value, '$[0]') AS product_id, json_extract(value, '$[1]') AS test_step
         FROM json_each(@pairs)
       ), versions AS (
         SELECT s.*, LEAD(s.valid_from_ms) OVER (
             PARTITION BY s.product_id, s.test_step, s.line_id ORDER BY s.valid_from_ms, s.version) AS next_from_ms
         FROM spec_limits s JOIN wanted w ON w.product_id = s.product_id AND w.test_step = s.test_step
         WHERE s.line_id IS NULL OR s.line_id IN (
           SELECT line_id FROM machines WHERE id IN (SELECT value FROM json_each(@machines)))
       )
       SELECT product_id, test_step, version, line_id, lower_limit, upper_limit, valid_from_ms, created_by,
         next_from_ms
       FROM versions
       WHERE valid_from_ms < @to
         AND (next_from_ms IS NULL OR (next_from_ms > @from AND next_from_ms > valid_from_ms))
       ORDER BY product_id, test_step, valid_from_ms, version`,
    )
    .all({
      pairs,
      from: job.fromMs,
      to: job.toMs,
      machines: JSON.stringify(job.scope.machineIds),
    }) as SpecRow[];
}

/** The version in force at the last moment of the range: the last one that began before its end. */
function specInForceAtEnd(specs: SpecRow[], data: StepData, toMs: number): SpecRow | null {
  const candidates = specs.filter(
    (spec) => spec.product_id === data.product && spec.test_step === data.step,
  );
  return (
    candidates.filter((spec) => spec.next_from_ms === null || spec.next_from_ms >= toMs).at(-1) ??
    null
  );
}

function sampleSd(values: number[], mean: number): number | null {
  if (values.length < 2) return null;
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}

function stepFigures(data: StepData, spec: SpecRow | null): StepFigures {
  const lower = spec?.lower_limit ?? null;
  const upper = spec?.upper_limit ?? null;
  const stats = individualsStats(data.values);
  const mean =
    data.values.length > 0
      ? data.values.reduce((sum, value) => sum + value, 0) / data.values.length
      : null;
  const { cp, cpk } = capability(mean, stats?.sigma ?? null, { lower, upper });
  return {
    data,
    mean,
    sd: mean === null ? null : sampleSd(data.values, mean),
    sigma: stats?.sigma ?? null,
    cp,
    cpk,
    lower,
    upper,
    upperControl: stats?.upperControl ?? null,
    lowerControl: stats?.lowerControl ?? null,
  };
}

function stepSection(one: StepFigures, index: number): ReportSection {
  const { data } = one;
  const limits = [one.lower, one.upper].filter((limit): limit is number => limit !== null);
  const charts: ReportChart[] = [
    {
      key: 'histogram',
      title: `${data.product} / ${data.step}: histogram`,
      kind: 'histogram',
      bins: histogram(data.values, defaultBinCount(data.values.length), limits),
      lower: one.lower,
      upper: one.upper,
    },
  ];
  if (one.mean !== null && one.upperControl !== null && one.lowerControl !== null) {
    const shown = data.values.slice(-SHOWN_POINTS);
    charts.push({
      key: 'individuals',
      title: `${data.product} / ${data.step}: individuals chart`,
      kind: 'individuals',
      values: shown,
      mean: one.mean,
      upperControl: one.upperControl,
      lowerControl: one.lowerControl,
      lower: one.lower,
      upper: one.upper,
      hits: nelsonRules(shown, one.mean, one.sigma ?? 0).map((hits) => ({
        rule: hits.rule,
        indexes: hits.indexes,
      })),
    });
  }
  return {
    key: `step-${index + 1}`,
    title: `${data.product} / ${data.step}`,
    note:
      data.values.length > SHOWN_POINTS
        ? `The individuals chart shows the last ${SHOWN_POINTS} of ${data.values.length} values; its mean and control limits use all of them.`
        : 'The individuals chart shows every value of the range in time order.',
    figures: [
      figure('count', 'Count', data.values.length, 'count'),
      figure('passRate', 'Pass rate', share(data.passed, data.judged), 'share'),
      figure('mean', 'Mean', one.mean, 'value'),
      figure('sd', 'Std dev', one.sd, 'value'),
      figure('cp', 'Cp', one.cp, 'index'),
      figure('cpk', 'Cpk', one.cpk, 'index'),
    ],
    charts,
    tables: [],
  };
}
