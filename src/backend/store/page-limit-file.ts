import { readFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';

/**
 * A full disk for machines where a small file system cannot be mounted: the file's number is
 * the connection's max_page_count (empty or missing: no limit), read before each operation,
 * so a test can "fill the disk" and free it again. Only a test passes one (the open
 * request's `pageLimitFile`); the app never does.
 */
export class PageLimitFile {
  private appliedLimit = '';

  constructor(private readonly file: string) {}

  apply(db: Database): void {
    let wanted = '';
    try {
      wanted = readFileSync(this.file, 'utf8').trim();
    } catch {
      // No file: no limit.
    }
    if (wanted === this.appliedLimit) return;
    this.appliedLimit = wanted;
    // SQLite raises a limit below the current size to the current size: "full" from here on.
    db.pragma(`max_page_count = ${wanted === '' ? 4294967294 : Number.parseInt(wanted, 10)}`);
  }
}
