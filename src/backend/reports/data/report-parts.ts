import type { KeyFigure, ReportChart, ReportSection, ReportTable } from '../../../shared/contract';

/**
 * Small builders for the pieces of a report. Every object is written with its keys in the
 * contract's order, so the JSON a client receives (after zod has parsed it) serialises to
 * the same text the report's SHA-256 was taken of.
 */

/** What each report type builds: its headline figures and its sections. */
export interface ReportBody {
  figures: KeyFigure[];
  sections: ReportSection[];
}

/** Alert priorities, most urgent first: the order of every alert table. */
export const PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

export const iso = (ms: number | null): string | null =>
  ms === null ? null : new Date(ms).toISOString();

/** A share, or null when there is nothing to divide by. */
export const share = (part: number, whole: number): number | null =>
  whole > 0 ? part / whole : null;

/** Finite numbers only: JSON has no NaN or Infinity, and a report must not print them. */
export const finite = (value: number | null | undefined): number | null =>
  value === null || value === undefined || !Number.isFinite(value) ? null : value;

export function figure(
  key: string,
  label: string,
  value: number | null,
  unit: KeyFigure['unit'],
  note?: string,
): KeyFigure {
  return note === undefined
    ? { key, label, value: finite(value), unit }
    : { key, label, value: finite(value), unit, note };
}

type Column = ReportTable['columns'][number];

export const column = (key: string, label: string, format: Column['format'] = 'text'): Column => ({
  key,
  label,
  format,
});

export function table(
  key: string,
  title: string,
  columns: Column[],
  rows: ReportTable['rows'],
  emptyText = 'None in this range.',
): ReportTable {
  return { key, title, columns, rows, emptyText };
}

type Bars = Extract<ReportChart, { kind: 'bars' }>;

export function bars(
  key: string,
  title: string,
  categories: string[],
  series: { name: string; values: (number | null)[]; as?: 'bar' | 'line' }[],
  unit: Bars['unit'] = 'count',
): Bars {
  return {
    key,
    title,
    kind: 'bars',
    categories,
    series: series.map((one) => ({
      name: one.name,
      values: one.values.map(finite),
      as: one.as ?? 'bar',
    })),
    unit,
  };
}

/** The clock hours that start in [fromMs, toMs): the categories of per-hour charts. */
export function hoursOf(fromMs: number, toMs: number): number[] {
  const hours: number[] = [];
  for (let hour = Math.floor(fromMs / HOUR_MS) * HOUR_MS; hour < toMs; hour += HOUR_MS) {
    hours.push(hour);
  }
  return hours;
}

/** "Press 3 (M-3)", or the id alone when the machine has no name of its own. */
export const named = (name: string | null | undefined, id: string): string =>
  name && name !== id ? `${name} (${id})` : id;
