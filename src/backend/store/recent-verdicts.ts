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
  private readonly windows = new Map<string, Entry[]>();

  constructor(private readonly latest: Statement) {}

  forget(): void {
    this.windows.clear();
  }

  /** The window of `machineId` once `stored`, its result just stored, is counted in it. */
  after(machineId: string, stored: Entry): Judged[] {
    let window = this.windows.get(machineId);
    if (!window) {
      // The table already holds `stored`.
      window = (
        this.latest.all(machineId, FAIL_RATE_WINDOW) as { ts_ms: number; verdict: Judged }[]
      ).map((row) => ({ timestampMs: row.ts_ms, verdict: row.verdict }));
      this.windows.set(machineId, window);
    } else {
      // After every entry stamped later; before those stamped the same (their ids are lower).
      let at = 0;
      while (at < window.length && window[at]!.timestampMs > stored.timestampMs) at += 1;
      if (at < FAIL_RATE_WINDOW) {
        window.splice(at, 0, stored);
        if (window.length > FAIL_RATE_WINDOW) window.length = FAIL_RATE_WINDOW;
      }
    }
    return window.map((entry) => entry.verdict);
  }
}
