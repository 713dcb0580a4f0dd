import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Reads `NNNN_name.sql` files, in order; a gap or a duplicate number is a programming error. */
export function loadMigrations(dir: string): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => /^\d{4}_[\w-]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file.slice(5, -4),
      sql: readFileSync(join(dir, file), 'utf8'),
    }));
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migration ${migration.name} is numbered ${migration.version}, expected ${index + 1}`,
      );
    }
  });
  return migrations;
}

export class DatabaseFromTheFutureError extends Error {
  constructor(found: number, known: number) {
    super(
      `This database was written by a newer Linewatch (schema version ${found}; this version knows up to ${known}). ` +
        'It was left untouched: update Linewatch, or point it at another data folder.',
    );
    this.name = 'DatabaseFromTheFutureError';
  }
}

/**
 * Brings the schema up to date, one migration per transaction, recording progress in
 * PRAGMA user_version (as Signal Desktop does). A newer database is refused, never touched.
 */
export function migrate(db: Database, migrations: Migration[]): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.length;
  if (from > latest) throw new DatabaseFromTheFutureError(from, latest);
  for (const migration of migrations.slice(from)) {
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return { from, to: latest };
}
