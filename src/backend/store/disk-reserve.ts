import { closeSync, openSync, rmSync, statSync, writeSync } from 'node:fs';

/** Enough for the storage alert and its event, many times over. */
export const RESERVE_BYTES = 1024 * 1024;

/**
 * A file of zeros beside the database that holds disk space back (a "ballast" file, as
 * CockroachDB keeps): on a full disk it is deleted so that the storage alert can still be
 * written, and it is written again only once there is room for all of it, which is how
 * the store knows that space really came back.
 */
export class DiskReserve {
  constructor(
    private readonly path: string,
    private readonly bytes = RESERVE_BYTES,
  ) {}

  /** True when the reserve is in place (made now if it was not); false when there is no room. */
  ensure(): boolean {
    try {
      if (statSync(this.path).size === this.bytes) return true;
    } catch {
      // Not there yet: made below.
    }
    let fd: number | null = null;
    try {
      fd = openSync(this.path, 'w');
      // Real zeros, not a sparse file: the blocks must be taken for the reserve to mean anything.
      const chunk = Buffer.alloc(64 * 1024);
      for (let written = 0; written < this.bytes; written += chunk.length) writeSync(fd, chunk);
      closeSync(fd);
      return true;
    } catch {
      if (fd !== null) closeSync(fd);
      this.release();
      return false;
    }
  }

  release(): void {
    rmSync(this.path, { force: true });
  }
}
