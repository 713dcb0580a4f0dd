import Database from 'better-sqlite3';
import { copyFileSync, renameSync, rmSync } from 'node:fs';
import { loadMigrations } from './migrate';
import { bindingOptions, openDatabase, type OpenedDatabase } from './open-database';
import { StoreError } from './rpc';

/** Tables every Linewatch database has had since the first migration. */
const LINEWATCH_TABLES = ['settings', 'users', 'sessions', 'events'];

/**
 * Refuses a file that must not replace the live database: unreadable, damaged, not a
 * Linewatch database, or written by a newer Linewatch. Opens it read-only, so a refused
 * file is left exactly as it was.
 */
export function checkBackup(file: string, migrationsDir: string): void {
  let backup: Database.Database;
  try {
    backup = new Database(file, { ...bindingOptions(), readonly: true, fileMustExist: true });
  } catch (error) {
    throw new StoreError('INVALID_INPUT', `The backup cannot be opened: ${String(error)}`);
  }
  try {
    const check = backup.pragma('quick_check', { simple: true }) as string;
    if (check !== 'ok') throw new StoreError('INVALID_INPUT', `The backup is damaged: ${check}`);
    const tables = new Set(
      backup.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all(),
    );
    const missing = LINEWATCH_TABLES.filter((table) => !tables.has(table));
    if (missing.length)
      throw new StoreError(
        'INVALID_INPUT',
        `The file is not a Linewatch database (no ${missing.join(', ')} table)`,
      );
    const version = backup.pragma('user_version', { simple: true }) as number;
    const known = loadMigrations(migrationsDir).length;
    if (version > known)
      throw new StoreError(
        'INVALID_INPUT',
        `The backup was written by a newer Linewatch (schema version ${version}; this version knows up to ${known})`,
      );
  } catch (error) {
    if (error instanceof StoreError) throw error;
    // A file that is not SQLite at all fails on its first read, here.
    throw new StoreError('INVALID_INPUT', `The backup cannot be read: ${String(error)}`);
  } finally {
    backup.close();
  }
}

function removeSidecars(path: string): void {
  for (const suffix of ['-wal', '-shm']) rmSync(path + suffix, { force: true });
}

/**
 * Copies a checked backup beside the live database. Done while the live connection is still
 * open: if the copy fails (a full disk), nothing has been touched yet.
 */
export function stageBackup(databasePath: string, backupFile: string): string {
  const staged = `${databasePath}.restoring`;
  try {
    copyFileSync(backupFile, staged);
  } catch (error) {
    rmSync(staged, { force: true });
    throw new StoreError('INTERNAL', `The backup could not be copied into place: ${String(error)}`);
  }
  return staged;
}

/**
 * Puts the staged backup in place of the closed live database (a rename: the swap cannot
 * half-happen) and opens it through the normal path, which migrates it forward. If it will
 * not open, the safety copy goes back in place and the error is thrown for the caller, who
 * reopens the database as it was.
 */
export function swapInBackup(
  databasePath: string,
  staged: string,
  safetyCopy: string,
  migrationsDir: string,
): OpenedDatabase {
  removeSidecars(databasePath);
  renameSync(staged, databasePath);
  try {
    return openDatabase(databasePath, migrationsDir);
  } catch (error) {
    copyFileSync(safetyCopy, databasePath);
    removeSidecars(databasePath);
    throw new StoreError('INVALID_INPUT', `The restored database did not open: ${String(error)}`);
  }
}
