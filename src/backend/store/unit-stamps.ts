import type { Database, Statement } from 'better-sqlite3';

/** A unit's results at one step: what numbers its attempts. */
export interface UnitStep {
  barcode: string;
  testStep: string;
}

/**
 * The stamps of every stored result of each unit and step a batch touches, read for the whole
 * batch in one statement (`readAll`) instead of one read per result, then kept up to date as
 * the batch stores results (`stored`). A result's attempt is 1 + the stamps before its own;
 * the latest stamp tells whether a later-stamped attempt came first (see AttemptRenumbering).
 * Only the ingest transaction writes test_results and results are never deleted, so the
 * stamps kept are the table's. Kept for one batch (`reset`); a unit and step the batch did not
 * announce (a Sparkplug message, a replayed dead letter) is read when it comes.
 */
export class UnitStamps {
  /** Step, then barcode: nested maps, so no key string is built per result. */
  private readonly stamps = new Map<string, Map<string, number[]>>();
  private readonly ofBatch: Statement;
  private readonly ofOne: Statement;

  constructor(db: Database) {
    // json_each drives: one probe of the (barcode, test_step, ts_ms, …) index per barcode of
    // the step, rows in stamp order within each unit (tested on SQLite's plan in
    // unit-stamps.test.ts). The barcodes go as a JSON array of strings, one read per step the
    // batch names: a pair per unit (`[barcode, step]`, read back with ->> twice) cost SQLite
    // a JSON parse of each pair.
    this.ofBatch = db
      .prepare(
        `SELECT t.barcode, t.ts_ms
         FROM json_each(?) AS unit
         CROSS JOIN test_results AS t ON t.barcode = unit.value AND t.test_step = ?`,
      )
      .raw();
    this.ofOne = db
      .prepare('SELECT ts_ms FROM test_results WHERE barcode = ? AND test_step = ? ORDER BY ts_ms')
      .pluck();
  }

  reset(): void {
    this.stamps.clear();
  }

  /** Reads the stamps of every unit and step in `results` that is not known yet. */
  readAll(results: readonly UnitStep[]): void {
    // Per step, the barcodes not known yet (a batch names a few steps, so few reads).
    const barcodesOfStep = new Map<string, string[]>();
    for (const result of results) {
      const ofStep = this.ofStep(result.testStep);
      if (ofStep.has(result.barcode)) continue;
      ofStep.set(result.barcode, []);
      let barcodes = barcodesOfStep.get(result.testStep);
      if (!barcodes) barcodesOfStep.set(result.testStep, (barcodes = []));
      barcodes.push(result.barcode);
    }
    for (const [testStep, barcodes] of barcodesOfStep) {
      const ofStep = this.ofStep(testStep);
      const rows = this.ofBatch.all(JSON.stringify(barcodes), testStep) as [string, number][];
      for (const [barcode, ts] of rows) {
        const list = ofStep.get(barcode)!;
        list.push(ts);
        // Each unit's rows come in index order; a plan that gave them otherwise is put right.
        if (list.length > 1 && list[list.length - 2]! > ts) list.sort(byNumber);
      }
    }
  }

  /**
   * The stamps of the stored results of `unit`, in order (read now if the batch did not
   * announce it). The list is the one kept: `stored` adds to it.
   */
  of(unit: UnitStep): number[] {
    const ofStep = this.ofStep(unit.testStep);
    let list = ofStep.get(unit.barcode);
    if (!list) {
      list = this.ofOne.all(unit.barcode, unit.testStep) as number[];
      ofStep.set(unit.barcode, list);
    }
    return list;
  }

  private ofStep(testStep: string): Map<string, number[]> {
    let ofStep = this.stamps.get(testStep);
    if (!ofStep) this.stamps.set(testStep, (ofStep = new Map()));
    return ofStep;
  }
}

/** How many of `stamps` (in order) are before `ts`: the attempts before a result stamped `ts`. */
export function stampsBefore(stamps: readonly number[], ts: number): number {
  let earlier = 0;
  while (earlier < stamps.length && stamps[earlier]! < ts) earlier += 1;
  return earlier;
}

/** Adds a stored result's stamp to its unit's `stamps`, in order. */
export function addStamp(stamps: number[], ts: number): void {
  let at = stamps.length;
  while (at > 0 && stamps[at - 1]! > ts) at -= 1;
  if (at === stamps.length) stamps.push(ts);
  else stamps.splice(at, 0, ts);
}

const byNumber = (a: number, b: number): number => a - b;
