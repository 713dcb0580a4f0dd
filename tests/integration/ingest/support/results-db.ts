import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/**
 * A read-only view of a Linewatch database file, opened next to the running store process
 * (WAL mode lets it read while the store writes). Reopened after an error, since the writer
 * may die and come back under it.
 */
export class ResultsReader {
  private db: Database.Database | null = null;
  readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, 'linewatch.sqlite');
  }

  /** Rows of test_results whose barcode starts with `prefix-`; 0 before the file exists. */
  count(prefix: string): number {
    return (
      this.read((db) =>
        Number(
          db
            .prepare("SELECT count(*) FROM test_results WHERE barcode LIKE ? || '-%'")
            .pluck()
            .get(prefix),
        ),
      ) ?? 0
    );
  }

  /** The highest test_results id: a cheap count when nothing else is stored. */
  maxResultId(): number {
    return Number(
      this.read((db) => db.prepare('SELECT max(id) FROM test_results').pluck().get()) ?? 0,
    );
  }

  distinct(prefix: string): number {
    return (
      this.read((db) =>
        Number(
          db
            .prepare(
              "SELECT count(DISTINCT barcode) FROM test_results WHERE barcode LIKE ? || '-%'",
            )
            .pluck()
            .get(prefix),
        ),
      ) ?? 0
    );
  }

  barcodes(prefix: string): string[] {
    return (
      this.read(
        (db) =>
          db
            .prepare("SELECT barcode FROM test_results WHERE barcode LIKE ? || '-%'")
            .pluck()
            .all(prefix) as string[],
      ) ?? []
    );
  }

  /** Event types of the event log, in order, that start with `prefix`. */
  eventTypes(prefix: string): string[] {
    return (
      this.read(
        (db) =>
          db
            .prepare("SELECT type FROM events WHERE type LIKE ? || '%' ORDER BY id")
            .pluck()
            .all(prefix) as string[],
      ) ?? []
    );
  }

  /** The first column of the first row of any query (undefined before the file exists). */
  scalar(sql: string, ...params: unknown[]): unknown {
    return this.read((db) =>
      db
        .prepare(sql)
        .pluck()
        .get(...params),
    );
  }

  rows<T>(sql: string, ...params: unknown[]): T[] {
    return this.read((db) => db.prepare(sql).all(...params) as T[]) ?? [];
  }

  close(): void {
    this.db?.close();
    this.db = null;
  }

  private read<T>(query: (db: Database.Database) => T): T | undefined {
    if (!this.db) {
      if (!existsSync(this.path)) return undefined;
      try {
        this.db = new Database(this.path, { readonly: true, fileMustExist: true });
      } catch {
        return undefined;
      }
    }
    try {
      return query(this.db);
    } catch (error) {
      // Tables not created yet (migrations running), or the file went away under us.
      this.close();
      if (error instanceof Error && /no such table|unable to open|disk I\/O/.test(error.message)) {
        return undefined;
      }
      throw error;
    }
  }
}
