import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandsStore } from '../../../src/backend/store/commands-store';
import { MachinesStore } from '../../../src/backend/store/machines-store';
import { MaintenanceStore } from '../../../src/backend/store/maintenance-store';
import { loadMigrations, migrate } from '../../../src/backend/store/migrate';
import { OeeStore } from '../../../src/backend/store/oee-store';
import { countUsageFrom, UsageSinceService } from '../../../src/backend/store/usage-since-service';
import { QualityStore } from '../../../src/backend/store/quality-store';

/**
 * How SQLite reads the machines a reader may see: through each table's machine key, not a
 * scan of every machine's rows. `@all OR machine_id IN (…)` in one statement hid those keys
 * from the planner (see result-counts-plan.test.ts, where the stations bench found it). The
 * plan is SQLite's own answer on the real schema.
 */
describe('reads scoped to named machines', () => {
  let dir: string;
  let db: Database.Database;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'linewatch-scope-plan-'));
    db = new Database(join(dir, 'plan.sqlite'));
    migrate(db, loadMigrations(join(process.cwd(), 'src/backend/store/migrations')));
  });

  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The plan of every statement `read` prepares, with the parameters those statements take. */
  function plansOf(read: () => void): string[] {
    const prepared: string[] = [];
    const real = db.prepare;
    const prepare = real.bind(db);
    const spy = ((source: string) => {
      prepared.push(source);
      return prepare(source);
    }) as typeof db.prepare;
    db.prepare = spy;
    try {
      read();
    } finally {
      db.prepare = real;
    }
    return prepared.flatMap((source) =>
      (
        db.prepare(`EXPLAIN QUERY PLAN ${source}`).all({
          machines: JSON.stringify(['M-1']),
          lines: JSON.stringify(['L-1']),
          machineId: null,
          lineId: null,
          productId: 'P',
          testStep: 'S',
          since: 0,
          from: 0,
          to: 3_600_000,
          limit: 100,
          anyState: 1,
          states: '[]',
        }) as { detail: string }[]
      ).map((row) => row.detail),
    );
  }

  /** Steps that read a whole table: every table is searched by a key but the machine list. */
  const scans = (plan: string[]) =>
    plan.filter((step) => /^SCAN (?!json_each|\(subquery|spans\b|per_unit\b)/.test(step));

  it("reads one machine's state periods through its key", () => {
    const plan = plansOf(() => new MachinesStore(db, () => 0).statePeriods(0, 3_600_000, ['M-1']));
    expect(plan.filter((step) => /\bmachine_states\b/.test(step))).toEqual([
      expect.stringMatching(/^SEARCH machine_states USING INDEX .*\(machine_id=\?/),
    ]);
    expect(scans(plan)).toEqual([]);
  });

  it("reads one machine's commands through its key", () => {
    const plan = plansOf(() => new CommandsStore(db).list(undefined, ['M-1'], 100));
    expect(plan).toContainEqual(
      expect.stringMatching(/^SEARCH commands USING INDEX commands_by_machine \(machine_id=\?/),
    );
    expect(scans(plan)).toEqual([]);
  });

  it("reads one machine's maintenance status and tasks through its key", () => {
    const store = new MaintenanceStore(
      db,
      new UsageSinceService(countUsageFrom(new OeeStore(db))),
      () => null,
    );
    const plan = plansOf(() => {
      store.status(['M-1'], 3_600_000);
      store.tasks(undefined, ['M-1'], 100);
    });
    expect(plan).toContainEqual(expect.stringMatching(/^SEARCH m USING .*\(id=\?\)/));
    expect(plan).toContainEqual(
      expect.stringMatching(/^SEARCH maintenance_tasks USING INDEX maintenance_tasks_by_machine/),
    );
    expect(scans(plan)).toEqual([]);
  });

  it("reads one machine's results for yield and a spec preview through its key", () => {
    const quality = new QualityStore(db);
    const plan = plansOf(() => {
      quality.yieldByStep(0, 3_600_000, ['M-1']);
      quality.previewSpec({ productId: 'P', testStep: 'S', lower: 1, upper: 2 }, 0, ['M-1']);
    });
    // Each read of test_results (the yield's one pass, the preview's), by name or by its index.
    const resultReads = plan.filter((step) => /test_results/.test(step));
    expect(resultReads.length).toBeGreaterThanOrEqual(2);
    for (const step of resultReads) {
      expect(step).toMatch(/^SEARCH \w+ USING INDEX test_results_by_machine \(machine_id=\?/);
    }
    expect(scans(plan)).toEqual([]);
  });
});
