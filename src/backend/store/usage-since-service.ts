/**
 * Run time and units of a machine since its last service, for the once-a-minute maintenance
 * check and the Maintenance page. Counted from the raw states and counter readings, that is a
 * walk over every sample since the service: weeks of telemetry for each machine, every minute,
 * growing until the store did nothing else. So the whole hours before the current one are
 * counted once and kept; each check counts only the current hour on top.
 *
 * The kept hours stay true under any arrival order: a reading or a state stored for a kept
 * hour (late, or a redelivery from an outage) drops the machine's entry, and the next check
 * counts it afresh. The sum of the hours equals one count over the whole range because the
 * hourly figures are additive (`OeeStore.hourFigures`: each counter delta is taken against
 * the machine's previous reading, however long ago). Kept in the store process, the one
 * writer, so nothing else can store a sample behind its back; a restart or a restored backup
 * starts empty.
 */

import type { OeeStore } from './oee-store';

const HOUR_MS = 3_600_000;

export interface Usage {
  runS: number;
  units: number;
}

interface Kept extends Usage {
  sinceMs: number;
  /** The kept figures cover [sinceMs, keptUntilMs), a whole hour's end (or sinceMs). */
  keptUntilMs: number;
}

/** Counts the usage of one machine over [fromMs, toMs). */
export type CountUsage = (machineId: string, fromMs: number, toMs: number, nowMs: number) => Usage;

export class UsageSinceService {
  private readonly kept = new Map<string, Kept>();

  constructor(private readonly count: CountUsage) {}

  /** Ingest stored a reading or a state of the machine stamped `atMs`. */
  stored(machineId: string, atMs: number): void {
    const kept = this.kept.get(machineId);
    if (kept !== undefined && atMs < kept.keptUntilMs) this.kept.delete(machineId);
  }

  usage(machineId: string, sinceMs: number, nowMs: number): Usage {
    const hourStartMs = Math.max(sinceMs, Math.floor(nowMs / HOUR_MS) * HOUR_MS);
    let kept = this.kept.get(machineId);
    // Another service date, or a clock set back: count from the service again.
    if (kept === undefined || kept.sinceMs !== sinceMs || kept.keptUntilMs > hourStartMs) {
      kept = { sinceMs, keptUntilMs: sinceMs, runS: 0, units: 0 };
    }
    if (kept.keptUntilMs < hourStartMs) {
      const added = this.count(machineId, kept.keptUntilMs, hourStartMs, nowMs);
      kept = {
        sinceMs,
        keptUntilMs: hourStartMs,
        runS: kept.runS + added.runS,
        units: kept.units + added.units,
      };
    }
    this.kept.set(machineId, kept);
    const current = this.count(machineId, hourStartMs, nowMs, nowMs);
    return { runS: kept.runS + current.runS, units: kept.units + current.units };
  }
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
