import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AlertEvaluator } from '../../../src/backend/alerts/alert-evaluator';
import type { ParsedMessage } from '../../../src/backend/ingest/protocol';
import { openDatabase } from '../../../src/backend/store/open-database';
import { createStore, type StoreNotice } from '../../../src/backend/store/store';
import type { Database } from 'better-sqlite3';
import { rawMessage } from './support/store-in-process';

const MIGRATIONS_DIR = join(process.cwd(), 'src/backend/store/migrations');
const AT = Date.UTC(2026, 10, 22, 10, 0, 0);

/**
 * A batch runs its alert rules without a savepoint per message; when a rule fails for one
 * message the batch runs again with one per message. What must hold, as with a savepoint per
 * message from the start: every message stored or dead-lettered, machines registered, every
 * other message's alert raised and announced once, the failing message's rules undone alone.
 * The fault is injected into the rules for one machine (the real rules cannot fail on demand).
 */
describe('an alert rule that fails inside a batch', () => {
  let dir: string;
  let db: Database;
  const notices: StoreNotice[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'linewatch-rules-fault-'));
    db = openDatabase(join(dir, 'linewatch.sqlite'), MIGRATIONS_DIR).db;
    notices.length = 0;
  });

  afterEach(() => {
    vi.restoreAllMocks();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('costs only that message its alerts', () => {
    const store = createStore(db, (notice) => notices.push(notice));
    store.setTopicRoot('factory');
    const real = AlertEvaluator.prototype.stored;
    vi.spyOn(AlertEvaluator.prototype, 'stored').mockImplementation(function (
      this: AlertEvaluator,
      message: ParsedMessage,
      ...rest
    ) {
      if (message.machineId === 'M-BAD') throw new Error('injected rule fault');
      return real.call(this, message, ...rest);
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const down = (machineId: string, index: number) =>
      rawMessage('L1', machineId, 'state', { state: 'down', timestamp: AT + index }, AT + 10);
    const summary = store.ingestBatch([
      down('M1', 1),
      down('M-BAD', 2),
      { topic: 'factory/L1/M2/state', payload: Buffer.from('not json'), receivedMs: AT + 10 },
      down('M2', 3),
    ]);

    expect(summary).toMatchObject({ received: 4, stored: 3, deadLettered: 1 });
    expect(db.prepare('SELECT id FROM machines ORDER BY id').pluck().all()).toEqual([
      'M-BAD',
      'M1',
      'M2',
    ]);
    expect(db.prepare('SELECT count(*) FROM machine_states').pluck().get()).toBe(3);
    expect(db.prepare('SELECT count(*) FROM dead_letters').pluck().get()).toBe(1);
    expect(db.prepare('SELECT condition_key FROM alerts ORDER BY id').pluck().all()).toEqual([
      'downtime:M1',
      'downtime:M2',
    ]);
    const announced = notices
      .filter((notice) => notice.topic === 'alert')
      .map((notice) => (notice.payload as { conditionKey: string }).conditionKey);
    expect(announced).toEqual(['downtime:M1', 'downtime:M2']);
    const registered = notices.filter((notice) => notice.topic === 'plant.changed');
    expect(registered).toHaveLength(1);
    expect(logged.mock.calls.filter((call) => String(call[0]).includes('injected'))).toHaveLength(
      1,
    );

    // The next batch runs as usual: M1's downtime is known, so it is not raised twice.
    const next = store.ingestBatch([down('M1', 4), down('M-OK', 5)]);
    expect(next.stored).toBe(2);
    expect(db.prepare('SELECT condition_key FROM alerts ORDER BY id').pluck().all()).toEqual([
      'downtime:M1',
      'downtime:M2',
      'downtime:M-OK',
    ]);
  });
});
