import type { Database } from 'better-sqlite3';
import type { DiskReserve } from './disk-reserve';
import { StoreError } from './rpc';
import type { Store } from './store';

/** SQLite's answer when a write finds no room: the disk (or the page limit) is full. */
export function isStorageFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'STORAGE_FULL';
}

/**
 * Whether SQLite itself would let the file grow: false only when a page limit is reached
 * (a test's PageLimitFile); a real disk's room is judged by the reserve.
 */
export function pageHeadroom(db: Database): boolean {
  const limit = db.pragma('max_page_count', { simple: true }) as number;
  const pages = db.pragma('page_count', { simple: true }) as number;
  return limit > pages;
}

/**
 * Watches for a full disk around every store operation. The failed write itself is rolled
 * back (its messages stay unacknowledged at the broker and are retried), so what this adds
 * is the alert, raised once when the disk fills and cleared once space is back, and a pause:
 * while full, ingest batches are refused before they start, so the room the reserve gave
 * back stays for the alert and the odd login instead of being eaten by messages. Space
 * counts as back when the reserve can be written again in full.
 */
export class StorageGuard {
  private full = false;

  /** Whether a write found the disk full and space has not come back since. */
  get isFull(): boolean {
    return this.full;
  }
  /** The alert change still to write (true: raise, false: return to normal), if any. */
  private owed: boolean | null = null;

  constructor(
    private readonly reserve: DiskReserve,
    private readonly hasRoom: () => boolean,
    private readonly now: () => number,
  ) {}

  /** Before an operation: while full, an ingest batch waits until space is back. */
  before(op: string, store: Store): void {
    if (!this.full || op !== 'ingestBatch') return;
    if (!this.hasRoom() || !this.reserve.ensure()) {
      throw new StoreError('STORAGE_FULL', 'The disk is full: ingest waits for free space');
    }
    this.full = false;
    this.owed = false;
    this.settle(store);
  }

  /** After a failed operation; true when it failed for want of space. */
  failed(error: unknown, store: Store): boolean {
    if (!isStorageFull(error)) return false;
    if (!this.full) {
      this.full = true;
      this.owed = true;
      this.reserve.release();
    }
    this.settle(store);
    return true;
  }

  /** After a successful operation: an alert change that could not be written yet is written now. */
  succeeded(store: Store): void {
    this.settle(store);
  }

  private settle(store: Store): void {
    if (this.owed !== null && this.write(store, this.owed)) this.owed = null;
  }

  private write(store: Store, full: boolean): boolean {
    try {
      store.storageFull(full, this.now());
      return true;
    } catch (error) {
      // Still owed (the reserve was not enough, or the file was busy): tried after the next operation.
      if (!isStorageFull(error)) console.error(`storage alert not written: ${String(error)}`);
      return false;
    }
  }
}
