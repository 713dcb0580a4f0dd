import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../../src/backend/backend';
import {
  DatabaseFromTheFutureError,
  loadMigrations,
  migrate,
} from '../../../src/backend/store/migrate';
import { nodeLauncher as launchers } from '../../../src/backend/process/node-launcher';
import { nodeLauncher } from '../../../src/backend/process/node-launcher';
import { ChromiumPdfPrinter } from '../../../src/backend/reports/pdf/chromium-pdf-printer';
import { openDatabase } from '../../../src/backend/store/open-database';

const MIGRATIONS_DIR = join(process.cwd(), 'src/backend/store/migrations');
const migrationFiles = readdirSync(MIGRATIONS_DIR).filter((file) => file.endsWith('.sql'));

/**
 * What each migration must add to the schema, by name. A migration without an entry is
 * still checked to apply cleanly and change the schema; give new ones an entry here.
 */
const addedBy: Record<number, { tables: string[]; triggers: string[]; indexes?: string[] }> = {
  1: {
    tables: [
      'events',
      'lines',
      'machines',
      'sessions',
      'settings',
      'user_lines',
      'user_machines',
      'users',
    ],
    triggers: ['events_are_not_deleted', 'events_are_not_updated'],
    indexes: [
      'events_by_line',
      'events_by_machine',
      'events_by_time',
      'events_by_type',
      'machines_by_line',
      'sessions_by_user',
    ],
  },
  2: {
    tables: [
      'command_acks',
      'dead_letters',
      'ingest_counters',
      'machine_states',
      'spec_limits',
      'telemetry_samples',
      'test_results',
    ],
    triggers: [],
  },
  3: {
    tables: ['commands'],
    triggers: [],
    indexes: [
      'commands_by_machine',
      'commands_open',
      'machine_states_by_machine',
      'telemetry_by_time',
    ],
  },
  4: {
    tables: ['alert_conditions', 'alert_floods', 'alert_thresholds', 'alerts'],
    triggers: [],
  },
  5: {
    tables: ['maintenance_plans', 'maintenance_tasks'],
    triggers: [],
    indexes: ['maintenance_tasks_by_machine'],
  },
  6: {
    tables: ['telemetry_minutes'],
    triggers: [],
    indexes: ['telemetry_minutes_by_time'],
  },
  7: {
    tables: ['result_hours'],
    triggers: [],
    indexes: ['result_hours_by_time'],
  },
  8: {
    tables: ['unit_hours'],
    triggers: [],
  },
  9: {
    tables: ['station_keys'],
    triggers: [],
    indexes: ['station_keys_live_name'],
  },
  // Renumbers attempts by timestamp and corrects the rollups; no new schema objects.
  10: { tables: [], triggers: [], indexes: [] },
  // Rebuilds alerts (to allow the 'system' source): same table and index names as before.
  11: {
    tables: [],
    triggers: [],
    indexes: [],
  },
  // Line-specific spec limits, simulated machines, the tester role, alert texts without machines.
  12: {
    tables: [],
    triggers: [],
    indexes: ['spec_limits_by_line'],
  },
  // Alarm limit templates, with the simulator's default set applied to new machines.
  13: {
    tables: ['limit_template_metrics', 'limit_templates'],
    triggers: [],
    indexes: [],
  },
  // Rebuilds test_results with one unique unit index: same index names as before.
  14: { tables: [], triggers: [], indexes: [] },
  // Shift handovers: open items, notes and sign-off per line and shift.
  15: { tables: ['shift_handovers'], triggers: [], indexes: ['shift_handovers_by_line'] },
  // Sparkplug B: devices seen and their mapping, gaps in edge node data.
  16: {
    tables: ['sparkplug_devices', 'sparkplug_gaps'],
    triggers: [],
    indexes: ['sparkplug_devices_by_machine', 'sparkplug_gaps_by_node'],
  },
  // Columns only: the station of an alert's acknowledgement, shelving and resolution.
  17: { tables: [], triggers: [], indexes: [] },
  // sessions.display_screen: a column, no new table, trigger or index.
  18: { tables: [], triggers: [], indexes: [] },
  // Sparkplug edge-node sessions (aliases, seq, remembered fields) kept across a store crash.
  19: {
    tables: ['sparkplug_certificates', 'sparkplug_remembered', 'sparkplug_sessions'],
    triggers: [],
    indexes: [],
  },
};

type Db = Database.Database;

function schemaObjects(db: Db, type: 'table' | 'trigger' | 'index'): string[] {
  return db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .pluck()
    .all(type) as string[];
}

const userVersion = (db: Db): number => db.pragma('user_version', { simple: true }) as number;
const sha256 = (path: string): string =>
  createHash('sha256').update(readFileSync(path)).digest('hex');

describe('schema migrations', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'linewatch-migrations-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('brings a fresh file to the latest version with every expected table', () => {
    const { db, migratedFrom, migratedTo } = openDatabase(
      join(dir, 'fresh.sqlite'),
      MIGRATIONS_DIR,
    );
    try {
      expect(migrationFiles.length).toBeGreaterThan(0);
      expect(migratedFrom).toBe(0);
      expect(migratedTo).toBe(migrationFiles.length);
      expect(userVersion(db)).toBe(migrationFiles.length);
      const allTables = Object.values(addedBy).flatMap((added) => added.tables);
      expect(schemaObjects(db, 'table')).toEqual(expect.arrayContaining(allTables));
    } finally {
      db.close();
    }
  });

  describe.each(loadMigrations(MIGRATIONS_DIR).map((m) => [m.version, m.name] as const))(
    'migration %i (%s)',
    (version) => {
      it('applies on top of the migrations before it and adds what it should', () => {
        const all = loadMigrations(MIGRATIONS_DIR);
        const db = new Database(join(dir, `step-${version}.sqlite`));
        try {
          migrate(db, all.slice(0, version - 1));
          expect(userVersion(db)).toBe(version - 1);
          const before = {
            tables: schemaObjects(db, 'table'),
            triggers: schemaObjects(db, 'trigger'),
            indexes: schemaObjects(db, 'index'),
          };
          expect(migrate(db, all.slice(0, version))).toEqual({ from: version - 1, to: version });
          expect(userVersion(db)).toBe(version);
          // Earlier tables are not dropped silently.
          expect(schemaObjects(db, 'table')).toEqual(expect.arrayContaining(before.tables));

          const expected = addedBy[version];
          expect(expected, `describe migration ${version} in addedBy above`).toBeDefined();
          if (!expected) return;
          const added = (kind: 'table' | 'trigger' | 'index', had: string[]) =>
            schemaObjects(db, kind).filter((name) => !had.includes(name));
          expect(added('table', before.tables)).toEqual([...expected.tables].sort());
          expect(added('trigger', before.triggers)).toEqual([...expected.triggers].sort());
          if (expected.indexes) {
            expect(added('index', before.indexes)).toEqual([...expected.indexes].sort());
          }
        } finally {
          db.close();
        }
      });
    },
  );

  it('keeps accounts, assignments and sessions while the role CHECK gains tester', () => {
    const all = loadMigrations(MIGRATIONS_DIR);
    const db = new Database(join(dir, 'roles.sqlite'));
    try {
      db.pragma('foreign_keys = ON');
      migrate(db, all.slice(0, 11));
      db.prepare(
        `INSERT INTO users (id, username, display_name, role, password_hash, password_changed_at, created_at)
         VALUES (7, 'eng', 'Eng', 'engineer', 'h', 't', 't')`,
      ).run();
      db.prepare("INSERT INTO user_lines VALUES (7, 'L-1')").run();
      db.prepare("INSERT INTO user_machines VALUES (7, 'M-1')").run();
      db.prepare(
        "INSERT INTO sessions (id, user_id, created_at, last_activity_at) VALUES ('s', 7, 't', 't')",
      ).run();
      migrate(db, all.slice(0, 12));
      expect(db.prepare('SELECT line_id FROM user_lines WHERE user_id = 7').pluck().all()).toEqual([
        'L-1',
      ]);
      expect(db.prepare('SELECT machine_id FROM user_machines').pluck().all()).toEqual(['M-1']);
      expect(db.prepare('SELECT user_id FROM sessions').pluck().all()).toEqual([7]);
      db.prepare("UPDATE users SET role = 'tester' WHERE id = 7").run();
      expect(() => db.prepare("UPDATE users SET role = 'root' WHERE id = 7").run()).toThrow(
        /CHECK/,
      );
      db.prepare('DELETE FROM users WHERE id = 7').run();
      expect(db.prepare('SELECT count(*) FROM user_lines').pluck().get()).toBe(0);
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('makes the event triggers refuse UPDATE and DELETE', () => {
    const { db } = openDatabase(join(dir, 'triggers.sqlite'), MIGRATIONS_DIR);
    try {
      db.prepare(
        "INSERT INTO events (at, type, message, prev_hash, hash) VALUES ('t', 'x', 'm', 'p', 'h')",
      ).run();
      expect(() => db.prepare("UPDATE events SET message = 'edited'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });

  it('refuses a database from a newer version and leaves its bytes untouched', () => {
    const path = join(dir, 'future.sqlite');
    const future = new Database(path);
    future.exec('CREATE TABLE something_new (x INTEGER)');
    future.pragma(`user_version = ${migrationFiles.length + 1}`);
    future.close();
    const before = sha256(path);

    expect(() => openDatabase(path, MIGRATIONS_DIR)).toThrow(DatabaseFromTheFutureError);
    const direct = new Database(path);
    try {
      expect(() => migrate(direct, loadMigrations(MIGRATIONS_DIR))).toThrow(
        DatabaseFromTheFutureError,
      );
    } finally {
      direct.close();
    }
    expect(sha256(path)).toBe(before);
    expect(readdirSync(dir)).toEqual(['future.sqlite']);
  });

  it('makes the backend refuse to start on a newer database, untouched', async () => {
    const dataDir = join(dir, 'data');
    mkdirSync(dataDir);
    const path = join(dataDir, 'linewatch.sqlite');
    const newer = new Database(path);
    newer.pragma(`user_version = ${migrationFiles.length + 5}`);
    newer.close();
    const before = sha256(path);
    let storeExited: Promise<number | null> = Promise.resolve(-1);
    const launchStore = () => {
      const channel = launchers.store();
      storeExited = new Promise((resolve) => channel.onExit(resolve));
      return channel;
    };

    await expect(
      createBackend({
        dataDir,
        launcher: { ...nodeLauncher, store: launchStore },
        pdfPrinter: new ChromiumPdfPrinter(),
        bcryptCost: 4,
        log: () => undefined,
      }),
    ).rejects.toThrow(/newer Linewatch/);
    expect(sha256(path)).toBe(before);
    // The refused store process does not linger holding the folder.
    await expect(storeExited).resolves.not.toBe(-1);
  });

  it('refuses a gap in the numbering of migration files', () => {
    const gapped = join(dir, 'gapped');
    mkdirSync(gapped);
    writeFileSync(join(gapped, '0001_first.sql'), 'CREATE TABLE a (x INTEGER);');
    writeFileSync(join(gapped, '0003_third.sql'), 'CREATE TABLE c (x INTEGER);');
    expect(() => loadMigrations(gapped)).toThrow(/numbered 3, expected 2/);
  });

  it('refuses a duplicate migration number', () => {
    writeFileSync(join(dir, '0001_first.sql'), 'CREATE TABLE a (x INTEGER);');
    writeFileSync(join(dir, '0001_again.sql'), 'CREATE TABLE b (x INTEGER);');
    expect(() => loadMigrations(dir)).toThrow(/expected 2/);
  });
});
