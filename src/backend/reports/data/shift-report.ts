import type { Database } from 'better-sqlite3';
import type { OeeRow, ReportSection } from '../../../shared/contract';
import { MachinesStore } from '../../store/machines-store';
import type { ReportJob } from '../report-job';
import { handoverSection } from './handover-section';
import { PlantNames } from './plant-names';
import { bars, column, figure, hoursOf, iso, share, table, type ReportBody } from './report-parts';
import {
  alertsByPriority,
  completedTasks,
  firstPassYield,
  oeeOf,
  topFailures,
  TOP_FAILURES,
} from './shift-queries';

/** The shift report: units, OEE, first-pass yield, failures, downtime, alerts, maintenance. */
export function shiftReport(db: Database, job: ReportJob): ReportBody {
  const names = new PlantNames(db, job.scope.machineIds);
  const oee = oeeOf(db, job);
  const yieldFigures = firstPassYield(db, job);
  const failures = topFailures(db, job);
  const downtime = new MachinesStore(db, () => job.generatedAtMs).downtime(
    job.fromMs,
    job.toMs,
    job.scope.machineIds,
  );
  const downtimeMinutes = downtime.reduce((sum, event) => sum + event.durationS, 0) / 60;
  const alerts = alertsByPriority(db, job);
  const alertsRaised = alerts.reduce((sum, row) => sum + row.raised, 0);
  const maintenance = maintenanceDone(db, job, names);

  const figures = [
    figure('units', 'Units', oee.total?.units ?? 0, 'count', 'From the machines’ unit counters'),
    figure('oee', 'OEE', oee.total?.oee ?? null, 'share'),
    figure('availability', 'Availability', oee.total?.availability ?? null, 'share'),
    figure('performance', 'Performance', oee.total?.performance ?? null, 'share'),
    figure('quality', 'Quality', oee.total?.quality ?? null, 'share'),
    figure(
      'firstPassYield',
      'First-pass yield',
      share(yieldFigures.good, yieldFigures.judged),
      'share',
      `${yieldFigures.good} of ${yieldFigures.judged} units passed every step the first time`,
    ),
    figure('unitsTested', 'Units tested', yieldFigures.tested, 'count', 'Distinct barcodes'),
    figure('downtimeMinutes', 'Downtime', downtimeMinutes, 'minutes'),
    figure('alertsRaised', 'Alerts raised', alertsRaised, 'count'),
  ];

  const oeeRows = [...oee.byMachine].map((row) => [
    row.lineId,
    row.machineId === null ? 'Line total' : names.machine(row.machineId),
    row.plannedS / 60,
    row.runS / 60,
    row.units,
    row.availability,
    row.performance,
    row.quality,
    row.oee,
  ]);
  const hours = hoursOf(job.fromMs, Math.min(job.toMs, job.generatedAtMs));
  const hourIndex = new Map(hours.map((hour, index) => [hour, index]));
  const perHour = (pick: (row: OeeRow) => number | null) => {
    const values: (number | null)[] = hours.map(() => null);
    for (const row of oee.byHour) {
      const index = hourIndex.get(Date.parse(row.bucketStart));
      if (index !== undefined) values[index] = pick(row);
    }
    return values;
  };
  const lines = [...new Set(oee.hours.map((hour) => hour.lineId))].sort();
  const unitsSeries = lines.map((lineId) => {
    const values = hours.map(() => 0);
    for (const hour of oee.hours) {
      const index = hourIndex.get(hour.hourStartMs);
      if (hour.lineId === lineId && index !== undefined) values[index]! += hour.units;
    }
    return { name: lineId, values };
  });
  const categories = hours.map((hour) => new Date(hour).toISOString());

  const sections: ReportSection[] = [
    {
      key: 'oee',
      title: 'OEE',
      note:
        'Availability = run time ÷ planned time (from when a machine was first seen); performance = ' +
        'ideal cycle time × units ÷ run time; quality = first attempts passed ÷ first attempts judged; ' +
        'OEE = their product. Totals add times and counts; shares are never averaged.',
      figures: [],
      charts: [
        bars(
          'oee-by-hour',
          'OEE by hour',
          categories,
          [
            { name: 'Availability', values: perHour((row) => row.availability), as: 'line' },
            { name: 'Performance', values: perHour((row) => row.performance), as: 'line' },
            { name: 'Quality', values: perHour((row) => row.quality), as: 'line' },
            { name: 'OEE', values: perHour((row) => row.oee), as: 'line' },
          ],
          'share',
        ),
      ],
      tables: [
        table(
          'oee-by-machine',
          'OEE by machine',
          [
            column('line', 'Line'),
            column('machine', 'Machine'),
            column('plannedMinutes', 'Planned min', 'minutes'),
            column('runMinutes', 'Run min', 'minutes'),
            column('units', 'Units', 'count'),
            column('availability', 'Availability', 'share'),
            column('performance', 'Performance', 'share'),
            column('quality', 'Quality', 'share'),
            column('oee', 'OEE', 'share'),
          ],
          oeeRows,
          'No machine was planned in this range.',
        ),
      ],
    },
    {
      key: 'units',
      title: 'Units',
      note: 'Units are increases of each machine’s unit counter; a counter that went down was reset and counts from zero.',
      figures: [],
      charts: [bars('units-by-hour', 'Units by hour', categories, unitsSeries, 'count')],
      tables: [],
    },
    {
      key: 'top-failures',
      title: 'Top failing test steps',
      note:
        `The ${TOP_FAILURES} product and step pairs with the most failed first attempts. ` +
        'First-pass yield = units whose first attempt at every step tested in the range passed ÷ ' +
        'units with at least one judged (PASS or FAIL, not NO_SPEC) first attempt in the range.',
      figures: [],
      charts: [
        bars(
          'top-failing-steps',
          'Failed first attempts',
          failures.map((row) => `${row.product} / ${row.step}`),
          [{ name: 'Failures', values: failures.map((row) => row.failures) }],
        ),
      ],
      tables: [
        table(
          'top-failing-steps',
          'Top failing steps',
          [
            column('product', 'Product'),
            column('step', 'Step'),
            column('failures', 'Failures', 'count'),
            column('tested', 'First-attempt tests', 'count'),
            column('failRate', 'Fail rate', 'share'),
          ],
          failures.map((row) => [
            row.product,
            row.step,
            row.failures,
            row.tested,
            share(row.failures, row.tested),
          ]),
          'No first attempt failed in this range.',
        ),
      ],
    },
    {
      key: 'downtime',
      title: 'Downtime',
      note: 'Periods down, in maintenance or offline, cut to the range; an open period runs to the time of generation.',
      figures: [],
      charts: [],
      tables: [
        table(
          'downtime',
          'Downtime events',
          [
            column('line', 'Line'),
            column('machine', 'Machine'),
            column('state', 'State'),
            column('start', 'Start', 'time'),
            column('end', 'End', 'time'),
            column('minutes', 'Minutes', 'minutes'),
            column('reason', 'Reason'),
          ],
          downtime.map((event) => [
            event.lineId,
            names.machine(event.machineId),
            event.state,
            event.start,
            event.end,
            event.durationS / 60,
            event.reason,
          ]),
          'No downtime in this range.',
        ),
      ],
    },
    {
      key: 'alerts',
      title: 'Alerts',
      note: 'Raised = alerts first raised in the range; acknowledged = of those, acknowledged before its end; still open = alerts raised before the end of the range and not cleared by then.',
      figures: [],
      charts: [],
      tables: [
        table(
          'alerts-by-priority',
          'Alerts by priority',
          [
            column('priority', 'Priority'),
            column('raised', 'Raised', 'count'),
            column('acknowledged', 'Acknowledged', 'count'),
            column('open', 'Still open at the end', 'count'),
          ],
          alerts.map((row) => [row.priority, row.raised, row.acknowledged, row.open]),
        ),
      ],
    },
    {
      key: 'maintenance',
      title: 'Maintenance done',
      note: 'Maintenance tasks completed in the range.',
      figures: [],
      charts: [],
      tables: [maintenance],
    },
    handoverSection(db, job),
  ];
  return { figures, sections };
}

function maintenanceDone(db: Database, job: ReportJob, names: PlantNames) {
  const rows = completedTasks(db, job);
  return table(
    'maintenance-done',
    'Maintenance done',
    [
      column('machine', 'Machine'),
      column('task', 'Task'),
      column('completedAt', 'Completed at', 'time'),
      column('by', 'By'),
      column('notes', 'Notes'),
    ],
    rows.map((row) => [
      names.machine(row.machine_id),
      row.title,
      iso(row.completed_ms),
      row.completed_by,
      row.completion_notes,
    ]),
    'No maintenance was completed in this range.',
  );
}
