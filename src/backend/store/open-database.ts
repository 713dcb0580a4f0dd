import Database from 'better-sqlite3';
import { DatabaseFromTheFutureError, loadMigrations, migrate } from './migrate';

export interface OpenedDatabase {
  db: Database.Database;
  migratedFrom: number;
  migratedTo: number;
}

/**
 * Under `npm start` the shell points at an Electron build of the addon, kept apart from the
 * Node build that tests and console mode use (see scripts/electron-native.mjs).
 */
export function bindingOptions(): Database.Options {
  const nativeBinding = process.env.LINEWATCH_SQLITE_BINDING || undefined;
  return nativeBinding ? { nativeBinding } : {};
}

/** Opens the one database file with the settings every connection here relies on. */
export function openDatabase(path: string, migrationsDir: string): OpenedDatabase {
  const db = new Database(path, bindingOptions());
  try {
    // A newer database is refused before anything here writes to it (WAL mode would).
    const migrations = loadMigrations(migrationsDir);
    const found = db.pragma('user_version', { simple: true }) as number;
    if (found > migrations.length) throw new DatabaseFromTheFutureError(found, migrations.length);
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only a power loss can
    // lose the last transactions, and the broker then redelivers what was not acknowledged.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // The hot pages of a growing test_results (its index leaves for the recent hours and the
    // barcode-keyed unit index) stay in memory: up to 64 MiB of page cache instead of SQLite's
    // 2 MiB. No mmap: mapped pages of a multi-GB file count in RSS (target 300 MB in all).
    db.pragma('cache_size = -65536');
    const { from, to } = migrate(db, migrations);
    return { db, migratedFrom: from, migratedTo: to };
  } catch (error) {
    db.close();
    throw error;
  }
}
