import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src/backend/store/migrate';

const MIGRATIONS_DIR = join(process.cwd(), 'src/backend/store/migrations');

describe('migration 0010', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'linewatch-migration-10-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('migration 10 renumbers attempts by timestamp and corrects the first-attempt rollups', () => {
    const all = loadMigrations(MIGRATIONS_DIR);
    const db = new Database(join(dir, 'attempts.sqlite'));
    try {
      migrate(db, all.slice(0, 9));
      const base = Date.UTC(2026, 10, 22, 9, 50);
      const insert = db.prepare(
        `INSERT INTO test_results (line_id, machine_id, barcode, product_id, test_step,
           measured_value, ts_ms, received_ms, verdict, attempt)
         VALUES ('L1', @machine, @barcode, 'P', @step, 0, @ts, 0, @verdict, @attempt)`,
      );
      // Numbered by arrival, as the store did before: SN-1's 10:00 result came after its
      // 10:05 one, and both were stored as attempt 1 (and counted as first attempts).
      const rows = [
        {
          machine: 'M1',
          barcode: 'SN-1',
          step: 's',
          ts: base + 15 * 60_000,
          verdict: 'PASS',
          attempt: 1,
        },
        {
          machine: 'M2',
          barcode: 'SN-1',
          step: 's',
          ts: base + 10 * 60_000,
          verdict: 'FAIL',
          attempt: 1,
        },
        {
          machine: 'M1',
          barcode: 'SN-1',
          step: 's',
          ts: base + 20 * 60_000,
          verdict: 'PASS',
          attempt: 2,
        },
        { machine: 'M1', barcode: 'SN-1', step: 't', ts: base, verdict: 'NO_SPEC', attempt: 1 },
        {
          machine: 'M1',
          barcode: 'SN-2',
          step: 's',
          ts: base + 5 * 60_000,
          verdict: 'PASS',
          attempt: 1,
        },
      ];
      for (const row of rows) insert.run(row);
      // The rollups as migrations 7 and 8 count what is stored.
      db.exec(`DELETE FROM result_hours; DELETE FROM unit_hours;
        INSERT INTO result_hours SELECT machine_id, (ts_ms / 3600000) * 3600000, product_id,
          test_step, min(line_id), count(*), sum(verdict = 'PASS'), sum(verdict = 'FAIL'),
          sum(attempt = 1 AND verdict <> 'NO_SPEC'), sum(attempt = 1 AND verdict = 'PASS'),
          sum(attempt = 1 AND verdict = 'FAIL')
        FROM test_results GROUP BY 1, 2, 3, 4;
        INSERT INTO unit_hours SELECT (ts_ms / 3600000) * 3600000, machine_id, barcode, count(*),
          sum(attempt = 1 AND verdict <> 'NO_SPEC'), sum(attempt = 1 AND verdict = 'FAIL')
        FROM test_results GROUP BY 1, 2, 3;`);

      migrate(db, all.slice(0, 10));
      const attempts = db
        .prepare(
          'SELECT barcode, test_step, ts_ms, attempt FROM test_results ORDER BY barcode, test_step, ts_ms',
        )
        .all() as { attempt: number }[];
      expect(attempts.map((row) => row.attempt)).toEqual([1, 2, 3, 1, 1]);
      const resultHours = db
        .prepare(
          `SELECT machine_id, hour_ms, test_step, results, first_judged, first_passed, first_failed
           FROM result_hours ORDER BY 1, 2, 3`,
        )
        .all();
      const hour = (ms: number) => Math.floor(ms / 3_600_000) * 3_600_000;
      expect(resultHours).toEqual([
        // M1 at 09:xx: SN-1 t (NO_SPEC), SN-2 s (PASS, first).
        {
          machine_id: 'M1',
          hour_ms: hour(base),
          test_step: 's',
          results: 1,
          first_judged: 1,
          first_passed: 1,
          first_failed: 0,
        },
        {
          machine_id: 'M1',
          hour_ms: hour(base),
          test_step: 't',
          results: 1,
          first_judged: 0,
          first_passed: 0,
          first_failed: 0,
        },
        // M1 at 10:xx: SN-1 s at 10:05 and 10:10, now attempts 2 and 3.
        {
          machine_id: 'M1',
          hour_ms: hour(base) + 3_600_000,
          test_step: 's',
          results: 2,
          first_judged: 0,
          first_passed: 0,
          first_failed: 0,
        },
        // M2 at 10:00: SN-1 s, attempt 1, failed.
        {
          machine_id: 'M2',
          hour_ms: hour(base) + 3_600_000,
          test_step: 's',
          results: 1,
          first_judged: 1,
          first_passed: 0,
          first_failed: 1,
        },
      ]);
      const unitHours = db
        .prepare(
          'SELECT hour_ms, machine_id, barcode, results, first_judged, first_failed FROM unit_hours ORDER BY 1, 2, 3',
        )
        .all();
      expect(unitHours).toEqual([
        {
          hour_ms: hour(base),
          machine_id: 'M1',
          barcode: 'SN-1',
          results: 1,
          first_judged: 0,
          first_failed: 0,
        },
        {
          hour_ms: hour(base),
          machine_id: 'M1',
          barcode: 'SN-2',
          results: 1,
          first_judged: 1,
          first_failed: 0,
        },
        {
          hour_ms: hour(base) + 3_600_000,
          machine_id: 'M1',
          barcode: 'SN-1',
          results: 2,
          first_judged: 0,
          first_failed: 0,
        },
        {
          hour_ms: hour(base) + 3_600_000,
          machine_id: 'M2',
          barcode: 'SN-1',
          results: 1,
          first_judged: 1,
          first_failed: 1,
        },
      ]);
    } finally {
      db.close();
    }
  });
});
