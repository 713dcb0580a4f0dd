import { z } from 'zod';
import { defineMethod } from './define';
import { Identifier, IsoTime, PaperSize } from './schemas';

/**
 * Printable reports. A report is built from the database in the report process, as data
 * (figures, tables, charts); the same data feeds the JSON answer, the CSV files, the HTML
 * template (preview, print) and the PDF.
 */

export const ReportType = z.enum(['shift', 'quality', 'alarm', 'maintenance']);
export type ReportType = z.infer<typeof ReportType>;

export const ReportFormat = z.enum(['json', 'html', 'pdf', 'csv']);
export type ReportFormat = z.infer<typeof ReportFormat>;

/** The longest range a report may cover: a quarter. */
export const MAX_REPORT_DAYS = 93;

export const ReportRequest = z
  .object({
    type: ReportType,
    from: IsoTime,
    to: IsoTime,
    /** Narrows the report to one line; it must be in the caller's scope. */
    line: Identifier.optional(),
    /** Narrows the report to one machine; it must be in the caller's scope. */
    machine: Identifier.optional(),
    /** Machines registered by the simulator are left out unless asked for (or named). */
    includeSimulated: z
      .union([z.boolean(), z.enum(['true', 'false']).transform((text) => text === 'true')])
      .default(false),
    format: ReportFormat.default('json'),
    paper: PaperSize.default('A4'),
    /** With format=csv: one table by its key; without it, a ZIP of every table. */
    table: z
      .string()
      .regex(/^[a-z0-9-]{1,80}$/)
      .optional(),
  })
  .refine((request) => Date.parse(request.from) < Date.parse(request.to), {
    message: 'must be after from',
    path: ['to'],
  })
  .refine(
    (request) => Date.parse(request.to) - Date.parse(request.from) <= MAX_REPORT_DAYS * 86_400_000,
    { message: `a report covers at most ${MAX_REPORT_DAYS} days`, path: ['to'] },
  );
export type ReportRequest = z.infer<typeof ReportRequest>;

/** One headline number. `value` is raw (a share is 0..1); templates format it. */
export const KeyFigure = z.object({
  key: z.string(),
  label: z.string(),
  value: z.number().nullable(),
  unit: z.enum(['count', 'share', 'minutes', 'seconds', 'value', 'index']),
  /** Shown under the number: what it is made of, or why it is missing. */
  note: z.string().optional(),
});
export type KeyFigure = z.infer<typeof KeyFigure>;

export const CellValue = z.union([z.string(), z.number(), z.null()]);
export type CellValue = z.infer<typeof CellValue>;

/** A table of a report; each one is also a CSV file named after its key. */
export const ReportTable = z.object({
  key: z.string().regex(/^[a-z0-9-]{1,80}$/),
  title: z.string(),
  columns: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      /** How the template formats the column; CSV always holds the raw value. */
      format: z.enum(['text', 'count', 'share', 'number', 'minutes', 'time']).default('text'),
    }),
  ),
  rows: z.array(z.array(CellValue)),
  /** Said when the table is empty. */
  emptyText: z.string().default('None in this range.'),
});
export type ReportTable = z.infer<typeof ReportTable>;

const ChartBase = { key: z.string(), title: z.string() };

export const ReportChart = z.discriminatedUnion('kind', [
  /** Categories along x, one or more series of bars (or lines). */
  z.object({
    ...ChartBase,
    kind: z.literal('bars'),
    categories: z.array(z.string()),
    series: z.array(
      z.object({
        name: z.string(),
        values: z.array(z.number().nullable()),
        as: z.enum(['bar', 'line']).default('bar'),
      }),
    ),
    unit: z.enum(['count', 'share', 'minutes', 'value']).default('count'),
  }),
  /** Equal-width bins with the spec limits drawn. */
  z.object({
    ...ChartBase,
    kind: z.literal('histogram'),
    bins: z.array(z.object({ from: z.number(), to: z.number(), count: z.number().int() })),
    lower: z.number().nullable(),
    upper: z.number().nullable(),
  }),
  /** Individuals chart: the last points in time order, control and spec limits, Nelson hits. */
  z.object({
    ...ChartBase,
    kind: z.literal('individuals'),
    values: z.array(z.number()),
    mean: z.number(),
    upperControl: z.number(),
    lowerControl: z.number(),
    lower: z.number().nullable(),
    upper: z.number().nullable(),
    /** Indexes into `values` of points breaking Nelson rules 1 to 8. */
    hits: z.array(z.object({ rule: z.number().int().min(1).max(8), indexes: z.array(z.number()) })),
  }),
]);
export type ReportChart = z.infer<typeof ReportChart>;

export const ReportSection = z.object({
  key: z.string(),
  title: z.string(),
  /** A sentence under the title: how a figure is defined, or what the section leaves out. */
  note: z.string().optional(),
  figures: z.array(KeyFigure).default([]),
  charts: z.array(ReportChart).default([]),
  tables: z.array(ReportTable).default([]),
});
export type ReportSection = z.infer<typeof ReportSection>;

export const ReportScope = z.object({
  kind: z.enum(['plant', 'line', 'machine']),
  lineId: Identifier.nullable(),
  machineId: Identifier.nullable(),
  /** As printed: "Plant", "Line Assembly 1 (L-1)", "Machine Press 3 (M-3) on L-1". */
  label: z.string(),
  /** The machines the report covers: the scope, narrowed to what the caller may see. */
  machineIds: z.array(Identifier),
  /**
   * Simulated machines (registered by a simulator run): whether the report includes them, and
   * how many of the scope's machines that are: included, or left out. Printed on the report.
   */
  simulated: z.object({ included: z.boolean(), count: z.number().int().nonnegative() }),
});
export type ReportScope = z.infer<typeof ReportScope>;

/** How much of the range has data from the machines in scope, and where it is missing. */
export const DataCompleteness = z.object({
  /** Share (0..1) of the range's minutes up to the time of generation with any telemetry. */
  share: z.number().min(0).max(1),
  minutesWithData: z.number().int(),
  minutesInRange: z.number().int(),
  /** The longest gaps first, at most 20; `gapCount` counts them all. */
  gaps: z.array(z.object({ from: IsoTime, to: IsoTime, minutes: z.number().int() })),
  gapCount: z.number().int(),
});
export type DataCompleteness = z.infer<typeof DataCompleteness>;

export const ReportMeta = z.object({
  /** Printed in the footer; also names the event that records the report. */
  id: z.string(),
  type: ReportType,
  title: z.string(),
  plantName: z.string(),
  scope: ReportScope,
  from: IsoTime,
  to: IsoTime,
  generatedAt: IsoTime,
  generatedBy: z.string(),
  /** SHA-256 (hex) of the report's data: JSON.stringify({ figures, sections }). */
  dataSha256: z.string().regex(/^[0-9a-f]{64}$/),
  completeness: DataCompleteness,
});
export type ReportMeta = z.infer<typeof ReportMeta>;

export const Report = z.object({
  meta: ReportMeta,
  figures: z.array(KeyFigure),
  sections: z.array(ReportSection),
});
export type Report = z.infer<typeof Report>;

/** A file answer (PDF, CSV, ZIP, HTML): HTTP sends the bytes, IPC the base64. */
export const ReportFile = z.object({
  kind: z.literal('file'),
  fileName: z.string(),
  contentType: z.string(),
  base64: z.string(),
  reportId: z.string(),
  dataSha256: z.string(),
});
export type ReportFile = z.infer<typeof ReportFile>;

export const ReportAnswer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('report'), report: Report }),
  ReportFile,
]);
export type ReportAnswer = z.infer<typeof ReportAnswer>;

export const reportMethods = {
  'reports.build': defineMethod({
    summary:
      'Builds a shift, quality, alarm or maintenance report over a range and a scope, as JSON, HTML, PDF or CSV.',
    input: ReportRequest,
    output: ReportAnswer,
    permission: 'reports.generate',
    // Line and machine are both optional: the handler checks whichever is given.
    scope: { kind: 'filtered' },
    http: { verb: 'GET', path: '/reports/:type' },
    example: { type: 'shift', from: '2026-11-22T06:00:00Z', to: '2026-11-22T14:00:00Z' },
  }),
};
