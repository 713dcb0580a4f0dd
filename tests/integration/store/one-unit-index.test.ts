import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src/backend/store/migrate';

const MIGRATIONS_DIR = join(process.cwd(), 'src/backend/store/migrations');
const VERSION = 14;

const insert = `INSERT OR IGNORE INTO test_results (id, line_id, machine_id, barcode, product_id,
  test_step, measured_value, ts_ms, received_ms, verdict, attempt)
  VALUES (?, 'L1', ?, ?, 'P', 'step', 1.5, ?, 0, 'NO_SPEC', 1)`;

describe('migration 14: one random-key index on test_results', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'linewatch-unit-index-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every result and id, and still drops the same redeliveries', () => {
    const all = loadMigrations(MIGRATIONS_DIR);
    const db = new Database(join(dir, 'db.sqlite'));
    try {
      db.pragma('foreign_keys = ON');
      migrate(db, all.slice(0, VERSION - 1));
      db.prepare(insert).run(5, 'M1', 'U-1', 100);
      db.prepare(insert).run(9, 'M2', 'U-1', 100);
      db.prepare(insert).run(12, 'M1', 'U-2', 200);
      migrate(db, all.slice(0, VERSION));

      const rows = db.prepare('SELECT id, machine_id, barcode FROM test_results ORDER BY id').all();
      expect(rows).toEqual([
        { id: 5, machine_id: 'M1', barcode: 'U-1' },
        { id: 9, machine_id: 'M2', barcode: 'U-1' },
        { id: 12, machine_id: 'M1', barcode: 'U-2' },
      ]);
      // The same machine, unit, step and time is a redelivery; another machine is not.
      expect(db.prepare(insert).run(20, 'M1', 'U-1', 100).changes).toBe(0);
      expect(db.prepare(insert).run(21, 'M3', 'U-1', 100).changes).toBe(1);

      const indexes = db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'test_results' ORDER BY name",
        )
        .pluck()
        .all();
      // No autoindex of the old UNIQUE constraint: one index keyed by barcode, not two.
      expect(indexes).toEqual([
        'test_results_by_machine',
        'test_results_by_message_id',
        'test_results_by_time',
        'test_results_by_unit',
      ]);
      const plan = db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT count(*) FILTER (WHERE ts_ms < 1), max(ts_ms)
           FROM test_results WHERE barcode = 'U-1' AND test_step = 'step'`,
        )
        .all() as { detail: string }[];
      expect(plan.map((row) => row.detail).join(' ')).toMatch(/test_results_by_unit/);
    } finally {
      db.close();
    }
  });
});
