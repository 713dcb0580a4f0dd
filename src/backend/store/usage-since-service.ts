/**
 * Run time and units of a machine since its last service, for the once-a-minute maintenance
 * check and the Maintenance page. Counted from the raw states and counter readings, that is a
 * walk over every sample since the service: weeks of telemetry for each machine, every minute,
 * growing until the store did nothing else. So what is settled (up to two minutes ago) is
 * counted once and kept as a running total, with marks at the last few whole hours; each check
 * counts only the minute that settled since and the last two minutes on top.
 *
 * The kept totals stay true under any arrival order: a reading or a state stored for a time
 * already counted (late, or a redelivery after an outage) drops the marks past it, and the
 * next check counts from the mark before it (from the service when it goes back further than
 * the marks kept). The totals equal one count over the whole range because the figures are
 * additive (`OeeStore.hourFigures`: each counter delta is taken against the machine's previous
 * reading, however long ago). Kept in the store process, the one writer, so nothing can store
 * a sample behind its back; a restart or a restored backup starts empty.
 */

import type { OeeStore } from './oee-store';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** Readings arrive within seconds of their stamp; the last minutes are counted afresh each time. */
const SETTLE_MS = 2 * MINUTE_MS;
/** Whole hours a late reading can go back without counting from the service again. */
const HOUR_MARKS_KEPT = 6;

export interface Usage {
  runS: number;
  units: number;
}

/** The usage from the service up to `atMs`. */
interface Mark extends Usage {
  atMs: number;
}

interface Kept {
  sinceMs: number;
  /** Ascending: the service itself (zero), the last few whole hours, and the latest minute. */
  marks: Mark[];
}

/** Counts the usage of one machine over [fromMs, toMs). */
export type CountUsage = (machineId: string, fromMs: number, toMs: number, nowMs: number) => Usage;

export class UsageSinceService {
  private readonly kept = new Map<string, Kept>();

  constructor(private readonly count: CountUsage) {}

  /**
   * Ingest stored a reading or a state of the machine stamped `atMs`: what was kept past it is
   * dropped (the reading changes the counter delta after it, the state the run time after it).
   */
  stored(machineId: string, atMs: number): void {
    const kept = this.kept.get(machineId);
    if (kept === undefined || atMs >= kept.marks.at(-1)!.atMs) return;
    kept.marks = kept.marks.filter((mark) => mark.atMs <= atMs);
    if (kept.marks.length === 0) this.kept.delete(machineId);
  }

  usage(machineId: string, sinceMs: number, nowMs: number): Usage {
    const settledMs = Math.max(sinceMs, Math.floor((nowMs - SETTLE_MS) / MINUTE_MS) * MINUTE_MS);
    let kept = this.kept.get(machineId);
    // Another service date, or a clock set back: count from the service again.
    if (kept === undefined || kept.sinceMs !== sinceMs || kept.marks.at(-1)!.atMs > settledMs) {
      kept = { sinceMs, marks: [{ atMs: sinceMs, runS: 0, units: 0 }] };
      this.kept.set(machineId, kept);
    }
    let last = kept.marks.at(-1)!;
    // Up to the settled minute, with a mark at each whole hour on the way.
    while (last.atMs < settledMs) {
      const nextHourMs = Math.floor(last.atMs / HOUR_MS) * HOUR_MS + HOUR_MS;
      const toMs = Math.min(nextHourMs, settledMs);
      const added = this.count(machineId, last.atMs, toMs, nowMs);
      last = { atMs: toMs, runS: last.runS + added.runS, units: last.units + added.units };
      kept.marks.push(last);
    }
    kept.marks = thinned(kept.marks);
    const recent = this.count(machineId, settledMs, nowMs, nowMs);
    return { runS: last.runS + recent.runS, units: last.units + recent.units };
  }
}

/** The service mark, the last few whole hours and the latest mark. */
function thinned(marks: Mark[]): Mark[] {
  const first = marks[0]!;
  const last = marks.at(-1)!;
  const hours = marks.filter(
    (mark) => mark !== first && mark !== last && mark.atMs % HOUR_MS === 0,
  );
  return [first, ...hours.slice(-HOUR_MARKS_KEPT), ...(last === first ? [] : [last])];
}

/** Usage counted from the hourly figures OEE is computed from. */
export function countUsageFrom(oee: Pick<OeeStore, 'hourFigures'>): CountUsage {
  return (machineId, fromMs, toMs, nowMs) => {
    let runS = 0;
    let units = 0;
    for (const hour of oee.hourFigures(fromMs, toMs, [machineId], nowMs)) {
      runS += hour.runS;
      units += hour.units;
    }
    return { runS, units };
  };
}
