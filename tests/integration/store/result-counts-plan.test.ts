import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src/backend/store/migrate';
import { OeeStore } from '../../../src/backend/store/oee-store';
import { resultCounts } from '../../../src/backend/store/result-counts';

/**
 * How SQLite reads resultCounts for named machines: through the (machine, time) keys, never
 * the whole plant's results by time. Found by the stations bench (issue 13): the maintenance
 * check counts each machine's results once a minute, and a time scan per machine stalled
 * ingest for seconds with 200 machines. The plan is SQLite's own answer on the real schema.
 */
describe('result counts of named machines', () => {
  let dir: string;
  let db: Database.Database;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'linewatch-counts-plan-'));
    db = new Database(join(dir, 'plan.sqlite'));
    migrate(db, loadMigrations(join(process.cwd(), 'src/backend/store/migrations')));
  });

  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The plan of every statement `read` prepares, with the parameters those statements take. */
  function plansOf(machines: string[] | null, read = countRange): string[] {
    const prepared: string[] = [];
    const prepare = db.prepare.bind(db);
    const spy = ((source: string) => {
      prepared.push(source);
      return prepare(source);
    }) as typeof db.prepare;
    const real = db.prepare;
    db.prepare = spy;
    try {
      read(machines);
    } finally {
      db.prepare = real;
    }
    return prepared.flatMap((source) =>
      (
        db.prepare(`EXPLAIN QUERY PLAN ${source}`).all({
          machines: JSON.stringify(machines ?? []),
          machine: machines?.[0] ?? null,
          from: 1_800_000,
          to: 5 * 3_600_000 + 1_800_000,
          wholeFrom: 3_600_000,
          wholeTo: 5 * 3_600_000,
        }) as { detail: string }[]
      ).map((row) => row.detail),
    );
  }

  /** From mid-hour to mid-hour: raw results at both ends, the rollup in between. */
  function countRange(machines: string[] | null): void {
    resultCounts(db, 1_800_000, 5 * 3_600_000 + 1_800_000, machines, 'machineHour');
  }

  it('reads one machine through its own keys', () => {
    const plan = plansOf(['M-1']);
    const rawReads = plan.filter((step) => /\btest_results\b/.test(step));
    expect(rawReads).toHaveLength(2);
    for (const step of rawReads) expect(step).toMatch(/USING INDEX test_results_by_machine/);
    expect(plan.filter((step) => /\bresult_hours\b/.test(step))).toEqual([
      expect.stringMatching(/USING PRIMARY KEY \(machine_id=\? AND hour_ms>\? AND hour_ms<\?\)/),
    ]);
  });

  it("reads one machine's OEE hours (what the maintenance check sums) without scanning a table", () => {
    const plan = plansOf(['M-1'], (machines) => {
      new OeeStore(db).hourFigures(1_800_000, 5 * 3_600_000 + 1_800_000, machines, 6 * 3_600_000);
    });
    expect(plan.filter((step) => /\bmachine_states\b/.test(step)).length).toBeGreaterThan(0);
    // Every table is searched by a key; only json_each (the machine list) and the derived
    // rows of subqueries are scanned.
    expect(plan.filter((step) => /^SCAN (?!json_each|\(subquery)/.test(step))).toEqual([]);
  });
});
