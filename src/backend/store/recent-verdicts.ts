import type { Statement } from 'better-sqlite3';
import { FAIL_RATE_WINDOW } from '../alerts/rules/fail-rate';

type Judged = 'PASS' | 'FAIL';
interface Entry {
  timestampMs: number;
  verdict: Judged;
}

/**
 * Each machine's latest PASS/FAIL verdicts (newest stamp first, the newest row first among
 * equal stamps: the FAIL-rate window), read from test_results at a machine's first judged
 * result in a transaction and then kept up to date from the results stored after it, instead
 * of reading 20 rows for every result. Results are never deleted and their verdicts never
 * change, and a new row has the highest id, so inserting each stored result in stamp order
 * and keeping the first FAIL_RATE_WINDOW gives what the query would. Kept for one
 * transaction (`forget` at its start and after any rollback).
 */
export class RecentVerdicts {
  /**
   * Per machine: the window's stamps and its verdicts, index by index. The verdicts are kept
   * as their own array so each result gets the window without a copy (this runs for every
   * judged result).
   */
  private readonly windows = new Map<string, { stamps: number[]; verdicts: Judged[] }>();

  constructor(private readonly latest: Statement) {}

  forget(): void {
    this.windows.clear();
  }

  /**
   * The window of `machineId` once `stored`, its result just stored, is counted in it. The
   * array is the one kept: read it before the machine's next result, never change it.
   */
  after(machineId: string, stored: Entry): readonly Judged[] {
    let window = this.windows.get(machineId);
    if (!window) {
      // The table already holds `stored`.
      const rows = this.latest.all(machineId, FAIL_RATE_WINDOW) as {
        ts_ms: number;
        verdict: Judged;
      }[];
      window = { stamps: rows.map((row) => row.ts_ms), verdicts: rows.map((row) => row.verdict) };
      this.windows.set(machineId, window);
    } else {
      // After every entry stamped later; before those stamped the same (their ids are lower).
      const { stamps, verdicts } = window;
      let at = 0;
      while (at < stamps.length && stamps[at]! > stored.timestampMs) at += 1;
      if (at < FAIL_RATE_WINDOW) {
        stamps.splice(at, 0, stored.timestampMs);
        verdicts.splice(at, 0, stored.verdict);
        if (stamps.length > FAIL_RATE_WINDOW) {
          stamps.length = FAIL_RATE_WINDOW;
          verdicts.length = FAIL_RATE_WINDOW;
        }
      }
    }
    return window.verdicts;
  }
}
