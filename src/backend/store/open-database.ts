import Database from 'better-sqlite3';
import { loadMigrations, migrate } from './migrate';

export interface OpenedDatabase {
  db: Database.Database;
  migratedFrom: number;
  migratedTo: number;
}

/** Opens the one database file with the settings every connection here relies on. */
export function openDatabase(path: string, migrationsDir: string): OpenedDatabase {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only a power loss can
    // lose the last transactions, and the broker then redelivers what was not acknowledged.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const { from, to } = migrate(db, loadMigrations(migrationsDir));
    return { db, migratedFrom: from, migratedTo: to };
  } catch (error) {
    db.close();
    throw error;
  }
}
