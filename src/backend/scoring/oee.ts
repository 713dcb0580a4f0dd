import type { OeeRow, Shift } from '../../shared/contract';
import { shiftAt } from '../../shared/rules/shifts';

const HOUR_MS = 3_600_000;

/** What one machine did in one clock hour: the raw sums every OEE figure is built from. */
export interface HourFigures {
  machineId: string;
  lineId: string;
  hourStartMs: number;
  plannedS: number;
  runS: number;
  units: number;
  firstPassTested: number;
  firstPassGood: number;
}

export type Bucketing = 'hour' | 'shift' | 'total';

interface Bucket {
  startMs: number;
  endMs: number;
  label: string;
}

function bucketOf(
  hourStartMs: number,
  bucketing: Bucketing,
  shifts: Shift[],
  timeZone: string,
  range: Bucket,
): Bucket {
  if (bucketing === 'total') return range;
  if (bucketing === 'hour') {
    return {
      startMs: hourStartMs,
      endMs: hourStartMs + HOUR_MS,
      label: new Date(hourStartMs).toISOString().slice(0, 13) + ':00Z',
    };
  }
  // The shift on the plant's wall clock; its real length (7 or 9 hours on a daylight-saving
  // night) comes from the shared rule.
  const shift = shiftAt(shifts, hourStartMs, timeZone);
  if (!shift) return range;
  return {
    startMs: shift.startMs,
    endMs: shift.endMs,
    label: `${shift.plantDate} ${shift.name}`,
  };
}

const ratio = (numerator: number, denominator: number): number | null =>
  denominator > 0 ? numerator / denominator : null;

/**
 * Availability = run time / planned time; performance = ideal cycle time × units / run time;
 * quality = first-pass good / first-pass tested; OEE = their product. Rows of machines and
 * of lines are sums of times and counts; percentages are never averaged.
 */
export function computeOee(
  hours: HourFigures[],
  idealCycleS: Map<string, number | null>,
  options: {
    bucketing: Bucketing;
    shifts: Shift[];
    /** The plant's time zone (IANA): shifts are on its wall clock. */
    timeZone: string;
    fromMs: number;
    toMs: number;
  },
): OeeRow[] {
  const range: Bucket = { startMs: options.fromMs, endMs: options.toMs, label: 'total' };
  const rows = new Map<string, OeeRow>();
  const add = (
    key: string,
    template: Omit<OeeRow, 'availability' | 'performance' | 'quality' | 'oee'>,
  ) => {
    const row = rows.get(key);
    if (!row) {
      rows.set(key, {
        ...template,
        availability: null,
        performance: null,
        quality: null,
        oee: null,
      });
      return;
    }
    row.plannedS += template.plannedS;
    row.runS += template.runS;
    row.units += template.units;
    row.idealS += template.idealS;
    row.firstPassTested += template.firstPassTested;
    row.firstPassGood += template.firstPassGood;
  };
  for (const hour of hours) {
    const bucket = bucketOf(
      hour.hourStartMs,
      options.bucketing,
      options.shifts,
      options.timeZone,
      range,
    );
    const ideal = idealCycleS.get(hour.machineId) ?? null;
    const figures = {
      lineId: hour.lineId,
      bucketStart: new Date(bucket.startMs).toISOString(),
      bucketEnd: new Date(bucket.endMs).toISOString(),
      label: bucket.label,
      plannedS: hour.plannedS,
      runS: hour.runS,
      units: hour.units,
      idealS: ideal === null ? 0 : ideal * hour.units,
      firstPassTested: hour.firstPassTested,
      firstPassGood: hour.firstPassGood,
    };
    add(`${bucket.startMs}|${hour.lineId}|${hour.machineId}`, {
      ...figures,
      machineId: hour.machineId,
    });
    add(`${bucket.startMs}|${hour.lineId}|`, { ...figures, machineId: null });
  }
  const linesWithoutIdeal = new Set(
    hours
      .filter((hour) => (idealCycleS.get(hour.machineId) ?? null) === null)
      .map((hour) => hour.lineId),
  );
  for (const row of rows.values()) {
    const noIdeal =
      row.machineId === null
        ? linesWithoutIdeal.has(row.lineId)
        : (idealCycleS.get(row.machineId) ?? null) === null;
    row.availability = ratio(row.runS, row.plannedS);
    // Without an ideal cycle time performance is unknown, not zero.
    row.performance = noIdeal ? null : ratio(row.idealS, row.runS);
    row.quality = ratio(row.firstPassGood, row.firstPassTested);
    row.oee =
      row.availability !== null && row.performance !== null && row.quality !== null
        ? row.availability * row.performance * row.quality
        : null;
  }
  return [...rows.values()].sort(
    (a, b) =>
      a.bucketStart.localeCompare(b.bucketStart) ||
      a.lineId.localeCompare(b.lineId) ||
      (a.machineId ?? '').localeCompare(b.machineId ?? ''),
  );
}
