import type { Database } from 'better-sqlite3';
import type { BatchTally, TalliedResult } from './batch-tally';
import type { TestResult, Verdict } from '../../shared/contract';

/**
 * Attempts follow timestamps: a unit's attempt at a step is 1 + the number of its results at
 * that step stamped earlier (results stamped at the same millisecond share a number). When a
 * result arrives after later-stamped attempts of the same unit and step (a backlog replayed
 * out of order), those move up by one, in the ingest transaction. The rollups count first
 * attempts only, so the one that was attempt 1 stops counting as a first attempt there.
 * Only this late path pays for it: results in order never get here.
 */
export class AttemptRenumbering {
  private readonly firstAfter;
  private readonly shiftAfter;

  constructor(
    db: Database,
    private readonly tallies: readonly BatchTally<object>[],
  ) {
    this.firstAfter = db.prepare(
      `SELECT machine_id AS machineId, line_id AS lineId, barcode, product_id AS productId,
         test_step AS testStep, ts_ms AS timestampMs, verdict, attempt
       FROM test_results
       WHERE barcode = @barcode AND test_step = @testStep AND ts_ms > @ts AND attempt = 1`,
    );
    this.shiftAfter = db.prepare(
      `UPDATE test_results SET attempt = attempt + 1
       WHERE barcode = @barcode AND test_step = @testStep AND ts_ms > @ts`,
    );
  }

  /**
   * Moves up the attempts stamped after `result` (which was just stored). `reported` are the
   * results this batch reports to live views; their numbers are corrected too.
   */
  after(
    result: { barcode: string; testStep: string; timestampMs: number },
    reported: TestResult[],
  ): void {
    const key = { barcode: result.barcode, testStep: result.testStep, ts: result.timestampMs };
    const demoted = this.firstAfter.all(key) as (TalliedResult & { verdict: Verdict })[];
    for (const row of demoted) {
      for (const tally of this.tallies) tally.demote(row);
    }
    this.shiftAfter.run(key);
    for (const each of reported) {
      if (
        each.barcode === result.barcode &&
        each.testStep === result.testStep &&
        Date.parse(each.at) > result.timestampMs
      ) {
        each.attempt += 1;
      }
    }
  }
}
