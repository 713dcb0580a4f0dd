import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAIL_RATE_WINDOW } from '../../../src/backend/alerts/rules/fail-rate';
import { loadMigrations, migrate } from '../../../src/backend/store/migrate';
import { ThresholdsStore } from '../../../src/backend/store/thresholds-store';

/**
 * The FAIL-rate window kept in memory through a transaction (RecentVerdicts) is what the
 * query over test_results answers after each stored result: stamps out of order, equal
 * stamps, NO_SPEC results in between, several machines. Randomness is seeded.
 */
describe('recent verdicts kept through a transaction', () => {
  let dir: string;
  let db: Database.Database;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'linewatch-recent-verdicts-'));
    db = new Database(join(dir, 'verdicts.sqlite'));
    migrate(db, loadMigrations(join(process.cwd(), 'src/backend/store/migrations')));
  });

  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers what the table holds after every result, in any stamp order', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const insert = db.prepare(
      `INSERT INTO test_results (line_id, machine_id, barcode, product_id, test_step,
         measured_value, ts_ms, received_ms, verdict, attempt)
       VALUES ('L1', ?, ?, 'P', 'S', 1, ?, 0, ?, 1)`,
    );
    const query = db
      .prepare(
        `SELECT verdict FROM test_results WHERE machine_id = ? AND verdict IN ('PASS', 'FAIL')
           ORDER BY ts_ms DESC, id DESC LIMIT ?`,
      )
      .pluck();
    const facts = new ThresholdsStore(db, () => undefined);
    const verdicts = ['PASS', 'FAIL', 'NO_SPEC'] as const;
    let compared = 0;
    let lateOnes = 0;
    for (let round = 0; round < 3; round += 1) {
      facts.forget();
      for (let index = 0; index < 400; index += 1) {
        const machineId = `M${Math.floor(random() * 3)}`;
        // Mostly in order, some late, some on a stamp already used.
        const late = random() < 0.3;
        const timestampMs = late
          ? 1_000 + Math.floor(random() * (round * 400 + index))
          : 1_000 + round * 400 + index;
        if (late) lateOnes += 1;
        const verdict = verdicts[Math.floor(random() * 3)]!;
        insert.run(machineId, `B-${round}-${index}`, timestampMs, verdict);
        if (verdict === 'NO_SPEC') continue;
        expect(facts.recentVerdicts(machineId, { timestampMs, verdict })).toEqual(
          query.all(machineId, FAIL_RATE_WINDOW),
        );
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(600);
    expect(lateOnes).toBeGreaterThan(200);
  });
});
