import type { CellValue, KeyFigure, ReportTable } from '../../../shared/contract';
import { formatPlantTime, utcOffsetLabel } from '../../../shared/rules/plant-time';

/**
 * How numbers and times read on paper. Raw values stay raw in the data and the CSV; only the
 * page formats them: shares as %, counts with thousands separators, times in plant local time.
 */

export const MISSING = '—';

const counts = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** One formatter per number of decimals: making an Intl.NumberFormat is slow, using one is not. */
const fixedFormats = new Map<number, Intl.NumberFormat>();

/** Fixed decimals with thousands separators: 1,234.5 */
function fixed(value: number, digits: number): string {
  let format = fixedFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    fixedFormats.set(digits, format);
  }
  return format.format(value);
}

export function formatCount(value: number): string {
  return counts.format(value);
}

/**
 * A share (0..1) as a percentage with one decimal. A share that is not whole never reads as
 * 100.0 % or 0.0 %: "99.96 % complete" must not print as complete.
 */
export function formatShare(value: number): string {
  const percent = value * 100;
  const rounded = Math.round(percent * 10) / 10;
  if (rounded === 100 && value < 1) return '99.9%';
  if (rounded === 0 && value > 0) return '0.1%';
  return `${fixed(rounded, 1)}%`;
}

/** A measured value: enough digits to compare with spec limits, no trailing noise. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return MISSING;
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) return fixed(value, 0);
  if (magnitude >= 100) return fixed(value, 1);
  if (magnitude >= 10) return fixed(value, 2);
  if (magnitude > 0 && magnitude < 0.01) return value.toPrecision(3);
  return fixed(value, 3);
}

/** Minutes; from two hours on as hours and minutes, which people read faster than 1,145 min. */
export function formatMinutes(value: number): string {
  if (Math.abs(value) >= 120) {
    const total = Math.round(Math.abs(value));
    const sign = value < 0 ? '−' : '';
    return `${sign}${formatCount(Math.floor(total / 60))} h ${String(total % 60).padStart(2, '0')} min`;
  }
  return `${fixed(value, Number.isInteger(value) ? 0 : 1)} min`;
}

/** Capability indexes (Cp, Cpk) are read to two decimals against 1.33 and 1.67. */
export function formatIndex(value: number): string {
  return fixed(value, 2);
}

/** `2026-11-22 06:00` on the plant's wall clock. */
export function formatLocalTime(time: string | number, timeZone: string): string {
  const ms = typeof time === 'number' ? time : Date.parse(time);
  if (!Number.isFinite(ms)) return String(time);
  return formatPlantTime(ms, timeZone);
}

/**
 * `Europe/Berlin, UTC+01:00`: printed next to local times so a reader abroad knows which clock
 * they are; the offset is the one at `atMs` (a range across a daylight-saving change says so).
 */
export function formatTimeZone(timeZone: string, fromMs: number, toMs = fromMs): string {
  const start = utcOffsetLabel(fromMs, timeZone);
  const end = utcOffsetLabel(toMs, timeZone);
  return `${timeZone}, ${start === end ? start : `${start} → ${end}`}`;
}

/**
 * A local time range; the second end drops its date when both ends fall on the same day:
 * `2026-11-22 06:00 – 14:00`.
 */
export function formatRange(from: string, to: string, timeZone: string): string {
  const start = formatLocalTime(from, timeZone);
  const end = formatLocalTime(to, timeZone);
  const sameDay = start.slice(0, 10) === end.slice(0, 10);
  return `${start} – ${sameDay ? end.slice(11) : end}`;
}

export function formatFigure(figure: KeyFigure): string {
  const { value } = figure;
  if (value === null) return MISSING;
  switch (figure.unit) {
    case 'count':
      return formatCount(value);
    case 'share':
      return formatShare(value);
    case 'minutes':
      return formatMinutes(value);
    case 'seconds':
      return `${fixed(value, Number.isInteger(value) ? 0 : 1)} s`;
    case 'index':
      return formatIndex(value);
    case 'value':
      return formatNumber(value);
  }
}

export type ColumnFormat = ReportTable['columns'][number]['format'];

export function formatCell(value: CellValue, format: ColumnFormat, timeZone: string): string {
  if (value === null || value === '') return MISSING;
  if (typeof value === 'string') {
    return format === 'time' ? formatLocalTime(value, timeZone) : value;
  }
  switch (format) {
    case 'count':
      return formatCount(value);
    case 'share':
      return formatShare(value);
    case 'minutes':
      // One decimal in every row, so a column of durations lines up; the unit is in the header.
      return fixed(value, 1);
    case 'time':
      return formatLocalTime(value, timeZone);
    case 'number':
    case 'text':
      return formatNumber(value);
  }
}

/** A minutes column says its unit once, in the header, unless its label already does. */
export function columnLabel(label: string, format: ColumnFormat): string {
  return format === 'minutes' && !/\bmin(utes)?\b/i.test(label) ? `${label} (min)` : label;
}

/** Columns whose cells are numbers read right-aligned, so digits line up. */
export function isNumericFormat(format: ColumnFormat): boolean {
  return format === 'count' || format === 'share' || format === 'number' || format === 'minutes';
}
