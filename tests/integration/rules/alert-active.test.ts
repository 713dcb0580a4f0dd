import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertsStore } from '../../../src/backend/store/alerts-store';
import { openDatabase } from '../../../src/backend/store/open-database';
import type { Alert, AlertState } from '../../../src/shared/contract';
import { isActiveAlert, isShelvedAlert, openViewOf } from '../../../src/shared/rules/alert-active';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const STATES: AlertState[] = ['active_unacked', 'active_acked', 'returned_unacked', 'cleared'];
/** Not shelved, shelved until a moment past, exactly now (ended), and still shelved. */
const SHELVES = [null, NOW - 60_000, NOW, NOW + 60_000];

/**
 * "Is this alert active" is one rule: the store's list filters with its SQL form, the Alerts
 * page, a line's alerts and the tiles' counts with its TypeScript form. Every combination of
 * state, shelving and out-of-service, written to a real SQLite file, lands in the same view both
 * ways.
 */
describe('the active / shelved rule, as SQL in the store and as code on the screens', () => {
  let dir: string;
  let db: Database.Database;
  let store: AlertsStore;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'linewatch-alert-active-'));
    db = openDatabase(
      join(dir, 'linewatch.sqlite'),
      join(process.cwd(), 'src/backend/store/migrations'),
    ).db;
    store = new AlertsStore(
      db,
      () => undefined,
      () => undefined,
    );
    let n = 0;
    for (const state of STATES) {
      for (const shelvedUntil of SHELVES) {
        for (const outOfService of [0, 1]) {
          n += 1;
          const key = `case:${n}`;
          db.prepare(
            `INSERT INTO alerts (condition_key, source, priority, line_id, machine_id, message, state,
               raised_ms, shelved_until_ms)
             VALUES (?, 'downtime', 'low', NULL, NULL, ?, ?, ?, ?)`,
          ).run(key, key, state, NOW - n * 1000, shelvedUntil);
          db.prepare(
            'INSERT INTO alert_conditions (condition_key, out_of_service) VALUES (?, ?)',
          ).run(key, outOfService);
        }
      }
    }
  });
  afterAll(() => {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const listed = (view: 'active' | 'shelved' | 'history'): Alert[] =>
    store.list({ view, limit: 500 }, { all: true }, NOW).alerts;

  it('puts every alert in the same view in SQL as in code', () => {
    const all = listed('history');
    expect(all).toHaveLength(STATES.length * SHELVES.length * 2);
    const ids = (alerts: Alert[]) => alerts.map((alert) => alert.id).sort((a, b) => a - b);
    expect(ids(listed('active'))).toEqual(ids(all.filter((alert) => isActiveAlert(alert, NOW))));
    expect(ids(listed('shelved'))).toEqual(ids(all.filter((alert) => isShelvedAlert(alert, NOW))));
  });

  it('active means open, in service and not shelved; a shelving ending now has ended', () => {
    const facts = { state: 'active_acked' as const, outOfService: false };
    expect(openViewOf({ ...facts, shelvedUntil: null }, NOW)).toBe('active');
    expect(openViewOf({ ...facts, shelvedUntil: new Date(NOW).toISOString() }, NOW)).toBe('active');
    expect(openViewOf({ ...facts, shelvedUntil: new Date(NOW + 1).toISOString() }, NOW)).toBe(
      'shelved',
    );
    expect(openViewOf({ ...facts, outOfService: true, shelvedUntil: null }, NOW)).toBe('shelved');
    expect(openViewOf({ ...facts, state: 'cleared', shelvedUntil: null }, NOW)).toBeNull();
  });
});
