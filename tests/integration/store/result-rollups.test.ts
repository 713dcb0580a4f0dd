import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src/backend/store/migrate';
import { ResultHourTally, resultCounts } from '../../../src/backend/store/result-counts';

/**
 * Migration 7's rollup must always equal a direct count of the results: the backfill of
 * results stored before it, the per-transaction tally for every result after, and
 * resultCounts' stitching of whole hours from the rollup with the raw results of partial hours
 * at the range's ends. (The store's own ingest path is covered by the report tests, which
 * check the figures against the messages published.)
 */

const MIGRATIONS = loadMigrations(join(process.cwd(), 'src/backend/store/migrations'));
const HOUR = 3_600_000;
const BASE = Date.UTC(2026, 10, 22, 6, 0, 0);
const VERDICTS = ['PASS', 'PASS', 'PASS', 'FAIL', 'NO_SPEC'] as const;

let dir: string;
let db: Database.Database;

/** Inserts results as the store does: after migration 7, each transaction tallies its hours. */
function insertResults(from: number, count: number, tally: ResultHourTally | null): void {
  const insert = db.prepare(
    `INSERT INTO test_results (line_id, machine_id, barcode, product_id, test_step, measured_value,
       ts_ms, received_ms, verdict, attempt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    tally?.reset();
    for (let i = from; i < from + count; i++) {
      const result = {
        lineId: i % 3 === 2 ? 'L-2' : 'L-1',
        machineId: `M-${i % 3}`,
        productId: i % 7 === 0 ? 'PROD-B' : 'PROD-A',
        testStep: `step_${i % 2}`,
        timestampMs: BASE + i * 97_000,
        verdict: VERDICTS[i % VERDICTS.length]!,
        attempt: 1 + (i % 11 === 0 ? 1 : 0),
      };
      insert.run(
        result.lineId,
        result.machineId,
        `SN-${Math.floor(i / 4)}`,
        result.productId,
        result.testStep,
        i,
        result.timestampMs,
        result.timestampMs,
        result.verdict,
        result.attempt,
      );
      tally?.add(result);
    }
    tally?.flush();
  })();
}

/** The counts straight from test_results, keyed like resultCounts' rows. */
function directCounts(fromMs: number, toMs: number, machines: string[] | null) {
  return db
    .prepare(
      `SELECT machine_id AS machineId, line_id AS lineId, (ts_ms / ${HOUR}) * ${HOUR} AS hourMs,
         product_id AS productId, test_step AS testStep, count(*) AS results,
         sum(verdict = 'PASS') AS passed, sum(verdict = 'FAIL') AS failed,
         sum(attempt = 1 AND verdict <> 'NO_SPEC') AS firstJudged,
         sum(attempt = 1 AND verdict = 'PASS') AS firstPassed,
         sum(attempt = 1 AND verdict = 'FAIL') AS firstFailed
       FROM test_results
       WHERE ts_ms >= ? AND ts_ms < ? AND (? OR machine_id IN (SELECT value FROM json_each(?)))
       GROUP BY machine_id, hourMs, product_id, test_step`,
    )
    .all(fromMs, toMs, Number(machines === null), JSON.stringify(machines ?? []));
}

const byKey = (rows: unknown[]) =>
  [...(rows as { machineId: string; hourMs: number; productId: string; testStep: string }[])].sort(
    (a, b) =>
      a.machineId.localeCompare(b.machineId) ||
      a.hourMs - b.hourMs ||
      a.productId.localeCompare(b.productId) ||
      a.testStep.localeCompare(b.testStep),
  );

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linewatch-rollups-'));
  db = new Database(join(dir, 'db.sqlite'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('result rollups (migration 7)', () => {
  it('backfills results stored before it, and the tally keeps counting after it', () => {
    migrate(db, MIGRATIONS.slice(0, 6));
    insertResults(0, 300, null);
    migrate(db, MIGRATIONS);
    insertResults(300, 150, new ResultHourTally(db));
    insertResults(450, 150, new ResultHourTally(db));
    const all = [BASE - HOUR, BASE + 24 * HOUR] as const;
    expect(byKey(resultCounts(db, ...all, null))).toEqual(byKey(directCounts(...all, null)));
  });

  it('stitches partial hours at both ends from the raw results, for any range and scope', () => {
    migrate(db, MIGRATIONS);
    insertResults(0, 600, new ResultHourTally(db));
    const ranges: [number, number][] = [
      [BASE + 20 * 60_000, BASE + 5 * HOUR + 7 * 60_000],
      [BASE + HOUR, BASE + 4 * HOUR],
      [BASE + 10 * 60_000, BASE + 50 * 60_000],
      [BASE + 90 * 60_000, BASE + 2 * HOUR],
    ];
    for (const [from, to] of ranges) {
      for (const machines of [null, ['M-0', 'M-2'], []]) {
        expect(byKey(resultCounts(db, from, to, machines))).toEqual(
          byKey(directCounts(from, to, machines)),
        );
      }
    }
  });
});
