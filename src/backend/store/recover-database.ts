import { existsSync, renameSync } from 'node:fs';
import { DatabaseFromTheFutureError } from './migrate';
import { openDatabase, type OpenedDatabase } from './open-database';

export interface Recovery {
  movedTo: string;
  reason: string;
}

const CORRUPTION_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX']);

function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CORRUPTION_CODES.has(code);
}

/**
 * Opens the database after checking it (PRAGMA quick_check). A damaged file is moved aside,
 * never deleted, and a fresh one takes its place, so the app runs on and the broker's queued
 * messages still have somewhere to go. A database from a newer version is never moved.
 */
export function openCheckedDatabase(
  path: string,
  migrationsDir: string,
  nowMs: number,
): OpenedDatabase & { recovery: Recovery | null } {
  let reason: string;
  try {
    const opened = openDatabase(path, migrationsDir);
    const check = opened.db.pragma('quick_check', { simple: true }) as string;
    if (check === 'ok') return { ...opened, recovery: null };
    opened.db.close();
    reason = `integrity check failed: ${check}`;
  } catch (error) {
    if (error instanceof DatabaseFromTheFutureError || !isCorruption(error)) throw error;
    reason = (error as Error).message;
  }
  const movedTo = `${path}.damaged-${new Date(nowMs).toISOString().replace(/[:.]/g, '-')}`;
  renameSync(path, movedTo);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, movedTo + suffix);
  }
  return { ...openDatabase(path, migrationsDir), recovery: { movedTo, reason } };
}
