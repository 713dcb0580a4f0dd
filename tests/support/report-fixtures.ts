import type {
  KeyFigure,
  PaperSize,
  Report,
  ReportChart,
  ReportTable,
  ReportType,
} from '../../src/shared/contract';
import type { ReportJob } from '../../src/backend/reports/report-job';
import { alarmReport } from './report-fixtures/alarm';
import { PLANT_TIME_ZONE } from './report-fixtures/common';
import { maintenanceReport } from './report-fixtures/maintenance';
import { qualityReport } from './report-fixtures/quality';
import { shiftReport } from './report-fixtures/shift';

/**
 * Hand-made reports shaped like the data builder's output (see issue 5): a morning shift on
 * three machines of two lines in a plant in Europe/Berlin (UTC+01:00 in November). Built from plain numbers, so the
 * rendering is tested on its own; the real builder's path is tested through the server.
 */

export { PLANT_TIME_ZONE, SHIFT_FROM, SHIFT_TO } from './report-fixtures/common';
export { alarmReport, maintenanceReport, qualityReport, shiftReport };

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
