import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src/backend/store/migrate';
import { addStamp, stampsBefore, UnitStamps } from '../../../src/backend/store/unit-stamps';

/**
 * The stamps a batch reads in one statement for its attempt numbers (UnitStamps): the same as
 * one query per unit and step, kept true as the batch stores results, and read through the
 * unit index one pair at a time (never a scan of test_results).
 */
describe('unit stamps of a batch', () => {
  let dir: string;
  let db: Database.Database;
  let insert: Database.Statement;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'linewatch-unit-stamps-'));
    db = new Database(join(dir, 'stamps.sqlite'));
    migrate(db, loadMigrations(join(process.cwd(), 'src/backend/store/migrations')));
    insert = db.prepare(
      `INSERT OR IGNORE INTO test_results (line_id, machine_id, barcode, product_id, test_step,
         measured_value, ts_ms, received_ms, verdict, attempt)
       VALUES ('L1', ?, ?, 'P', ?, 1, ?, 0, 'NO_SPEC', 1)`,
    );
  });

  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads each unit and step through the unit index, driven by the batch', () => {
    const spy: string[] = [];
    const real = db.prepare;
    const prepare = db.prepare.bind(db);
    db.prepare = (source: string) => {
      spy.push(source);
      return prepare(source);
    };
    try {
      new UnitStamps(db);
    } finally {
      db.prepare = real;
    }
    const batchRead = spy.find((source) => source.includes('json_each'))!;
    const plan = (
      db.prepare(`EXPLAIN QUERY PLAN ${batchRead}`).all('["B-1"]', 'step') as {
        detail: string;
      }[]
    ).map((row) => row.detail);
    expect(plan[0]).toMatch(/^SCAN unit VIRTUAL TABLE/);
    expect(plan[1]).toMatch(
      /^SEARCH t USING (COVERING )?INDEX test_results_by_unit \(barcode=\? AND test_step=\?\)/,
    );
    expect(plan).toHaveLength(2);
  });

  it('gives what a query per unit gives, before and after the batch stores results', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const units = Array.from({ length: 30 }, (_, index) => `B-${index}`);
    const steps = ['voltage', 'leak'];
    for (let index = 0; index < 200; index += 1) {
      insert.run(
        `M${index % 3}`,
        units[Math.floor(random() * units.length)],
        steps[Math.floor(random() * 2)],
        1_000 + Math.floor(random() * 100),
      );
    }
    const byQuery = db.prepare(
      'SELECT ts_ms FROM test_results WHERE barcode = ? AND test_step = ? ORDER BY ts_ms',
    );
    const stamps = new UnitStamps(db);
    // Half the pairs announced (one read), the rest read when asked, as for Sparkplug.
    stamps.readAll(
      units.slice(0, 15).flatMap((barcode) => steps.map((testStep) => ({ barcode, testStep }))),
    );
    for (let index = 0; index < 300; index += 1) {
      const unit = {
        barcode: units[Math.floor(random() * units.length)]!,
        testStep: steps[Math.floor(random() * 2)]!,
      };
      const ts = 1_000 + Math.floor(random() * 120);
      const expected = (byQuery.pluck().all(unit.barcode, unit.testStep) as number[]).sort(
        (a, b) => a - b,
      );
      const kept = stamps.of(unit);
      expect(kept).toEqual(expected);
      expect(stampsBefore(kept, ts)).toBe(expected.filter((each) => each < ts).length);
      // As the writer does: a redelivery (same machine, unit, step and stamp) adds nothing.
      if (insert.run(`M${index % 3}`, unit.barcode, unit.testStep, ts).changes === 1) {
        addStamp(kept, ts);
      }
    }
  });
});
