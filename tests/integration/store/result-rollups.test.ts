import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src/backend/store/migrate';
import { ResultHourTally, resultCounts } from '../../../src/backend/store/result-counts';
import { firstPassCounts, UnitHourTally } from '../../../src/backend/store/unit-hours';

/**
 * Migrations 7 and 8's rollups must always equal a direct count of the results: the backfill
 * of results stored before them, the per-transaction tallies for every result after, and the
 * stitching of whole hours from a rollup with the raw results of partial hours at the range's
 * ends (resultCounts, firstPassCounts). (The store's own ingest path is covered by the report tests, which
 * check the figures against the messages published.)
 */

const MIGRATIONS = loadMigrations(join(process.cwd(), 'src/backend/store/migrations'));
const HOUR = 3_600_000;
const BASE = Date.UTC(2026, 10, 22, 6, 0, 0);
const VERDICTS = ['PASS', 'PASS', 'PASS', 'FAIL', 'NO_SPEC'] as const;

let dir: string;
let db: Database.Database;

type Tally = ResultHourTally | UnitHourTally;

/** Both rollups' tallies, as the store keeps them after migration 8. */
const tallies = (): Tally[] => [new ResultHourTally(db), new UnitHourTally(db)];

/** Inserts results as the store does: after the rollup migrations, each transaction tallies. */
function insertResults(from: number, count: number, tally: Tally | Tally[] | null): void {
  const all = tally === null ? [] : Array.isArray(tally) ? tally : [tally];
  const insert = db.prepare(
    `INSERT INTO test_results (line_id, machine_id, barcode, product_id, test_step, measured_value,
       ts_ms, received_ms, verdict, attempt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (const each of all) each.reset();
    for (let i = from; i < from + count; i++) {
      const result = {
        lineId: i % 3 === 2 ? 'L-2' : 'L-1',
        machineId: `M-${i % 3}`,
        // Four results a unit, spread over the machines (i % 3) and often over two hours.
        barcode: `SN-${Math.floor(i / 4)}`,
        productId: i % 7 === 0 ? 'PROD-B' : 'PROD-A',
        testStep: `step_${i % 2}`,
        timestampMs: BASE + i * 97_000,
        verdict: VERDICTS[i % VERDICTS.length]!,
        attempt: 1 + (i % 11 === 0 ? 1 : 0),
      };
      insert.run(
        result.lineId,
        result.machineId,
        result.barcode,
        result.productId,
        result.testStep,
        i,
        result.timestampMs,
        result.timestampMs,
        result.verdict,
        result.attempt,
      );
      for (const each of all) each.add(result);
    }
    for (const each of all) each.flush();
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
    insertResults(300, 150, tallies());
    insertResults(450, 150, tallies());
    const all = [BASE - HOUR, BASE + 24 * HOUR] as const;
    expect(byKey(resultCounts(db, ...all, null))).toEqual(byKey(directCounts(...all, null)));
  });

  it('stitches partial hours at both ends from the raw results, for any range and scope', () => {
    migrate(db, MIGRATIONS);
    insertResults(0, 600, tallies());
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

/** First-pass yield's counts straight from test_results: every result grouped by barcode. */
function directFirstPass(fromMs: number, toMs: number, machines: string[]) {
  return db
    .prepare(
      `SELECT count(*) AS tested, coalesce(sum(judged > 0), 0) AS judged,
         coalesce(sum(judged > 0 AND failed = 0), 0) AS good
       FROM (SELECT barcode, sum(attempt = 1 AND verdict <> 'NO_SPEC') AS judged,
               sum(attempt = 1 AND verdict = 'FAIL') AS failed
             FROM test_results
             WHERE ts_ms >= ? AND ts_ms < ? AND machine_id IN (SELECT value FROM json_each(?))
             GROUP BY barcode)`,
    )
    .get(fromMs, toMs, JSON.stringify(machines));
}

const RANGES: [number, number][] = [
  [BASE - HOUR, BASE + 24 * HOUR],
  [BASE + 20 * 60_000, BASE + 5 * HOUR + 7 * 60_000],
  [BASE + HOUR, BASE + 4 * HOUR],
  [BASE + 10 * 60_000, BASE + 50 * 60_000],
  [BASE + 90 * 60_000, BASE + 2 * HOUR],
  [BASE + 2 * HOUR, BASE + 2 * HOUR],
];
const SCOPES = [['M-0', 'M-1', 'M-2'], ['M-0', 'M-2'], ['M-1'], []];

describe('unit rollup (migration 8)', () => {
  it('backfills units stored before it, and the tally keeps counting after it', () => {
    migrate(db, MIGRATIONS.slice(0, 7));
    insertResults(0, 300, new ResultHourTally(db));
    migrate(db, MIGRATIONS);
    insertResults(300, 150, tallies());
    insertResults(450, 150, tallies());
    const counts = firstPassCounts(db, BASE - HOUR, BASE + 24 * HOUR, SCOPES[0]!);
    expect(counts).toEqual(directFirstPass(BASE - HOUR, BASE + 24 * HOUR, SCOPES[0]!));
    // Not vacuous: some units failed a first attempt, some had none judged.
    expect(counts.good).toBeGreaterThan(0);
    expect(counts.good).toBeLessThan(counts.judged);
  });

  it('counts a unit once when its results span hours, machines and batches', () => {
    migrate(db, MIGRATIONS);
    insertResults(0, 600, tallies());
    // Unit SN-5 again, an hour later on another machine, in a later transaction: a failed
    // retest (attempt 2) does not undo its first pass.
    const insert = db.prepare(
      `INSERT INTO test_results (line_id, machine_id, barcode, product_id, test_step,
         measured_value, ts_ms, received_ms, verdict, attempt)
       VALUES ('L-1', 'M-1', 'SN-5', 'PROD-A', 'step_0', 1, ?, ?, 'FAIL', 2)`,
    );
    const later = BASE + 3 * HOUR + 5;
    const unitTally = new UnitHourTally(db);
    db.transaction(() => {
      insert.run(later, later);
      unitTally.add({
        machineId: 'M-1',
        lineId: 'L-1',
        productId: 'PROD-A',
        testStep: 'step_0',
        barcode: 'SN-5',
        timestampMs: later,
        verdict: 'FAIL',
        attempt: 2,
      });
      unitTally.flush();
    })();
    for (const [from, to] of RANGES) {
      for (const machines of SCOPES) {
        expect(firstPassCounts(db, from, to, machines)).toEqual(
          directFirstPass(from, to, machines),
        );
        expect(firstPassCounts(db, from, to, machines, false)).toEqual(
          directFirstPass(from, to, machines),
        );
      }
    }
  });
});

type Keyed = Partial<Record<'machineId' | 'hourMs' | 'productId' | 'testStep', unknown>>;

describe('result counts per grouping', () => {
  it('sums the detail rows per machine and hour, and per product and step', () => {
    migrate(db, MIGRATIONS);
    insertResults(0, 600, tallies());
    for (const [from, to] of RANGES) {
      const detail = resultCounts(db, from, to, null);
      const sums = (key: (row: (typeof detail)[number]) => string) => {
        const out = new Map<string, { results: number; firstFailed: number }>();
        for (const row of detail) {
          const sum = out.get(key(row)) ?? { results: 0, firstFailed: 0 };
          sum.results += row.results;
          sum.firstFailed += row.firstFailed;
          out.set(key(row), sum);
        }
        return out;
      };
      const groupings = [
        ['machineHour', (row: Keyed) => `${row.machineId} ${row.hourMs}`],
        ['productStep', (row: Keyed) => `${row.productId} ${row.testStep}`],
      ] as const;
      for (const [grouping, key] of groupings) {
        const expected = sums(key);
        const rows = resultCounts(db, from, to, null, grouping);
        expect(rows).toHaveLength(expected.size);
        for (const row of rows) {
          expect(expected.get(key(row as Keyed))).toEqual({
            results: row.results,
            firstFailed: row.firstFailed,
          });
        }
      }
    }
  });
});
