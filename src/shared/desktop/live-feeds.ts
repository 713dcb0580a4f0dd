/**
 * Bookkeeping of the live feeds renderers opened over IPC, keyed by (renderer, feed id).
 * Opening is asynchronous (the backend checks the token first), so a close may arrive
 * before the open finished; the feed is then closed as soon as it exists. Pure, so the
 * races are covered by a Node test instead of an Electron one.
 */
export interface LiveHandle {
  close(): void;
}

interface Entry {
  handle: LiveHandle | null;
  closed: boolean;
}

export class LiveFeeds {
  private readonly entries = new Map<string, Entry>();

  private static key(owner: number, id: string): string {
    return `${owner}\u0000${id}`;
  }

  /** Starts a feed; `start` resolves to null when the backend refused it. */
  async open(owner: number, id: string, start: () => Promise<LiveHandle | null>): Promise<void> {
    const key = LiveFeeds.key(owner, id);
    this.close(owner, id); // a re-used id replaces the old feed rather than leaking it
    const entry: Entry = { handle: null, closed: false };
    this.entries.set(key, entry);
    let handle: LiveHandle | null;
    try {
      handle = await start();
    } catch (error) {
      this.forget(key, entry);
      throw error;
    }
    if (handle === null || entry.closed) {
      handle?.close();
      this.forget(key, entry);
      return;
    }
    entry.handle = handle;
  }

  close(owner: number, id: string): void {
    const key = LiveFeeds.key(owner, id);
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.closed = true;
    entry.handle?.close();
    this.entries.delete(key);
  }

  /** Closes every feed of one renderer (it reloaded, crashed or was destroyed). */
  closeOwner(owner: number): void {
    const prefix = `${owner}\u0000`;
    for (const [key, entry] of [...this.entries]) {
      if (!key.startsWith(prefix)) continue;
      entry.closed = true;
      entry.handle?.close();
      this.entries.delete(key);
    }
  }

  closeAll(): void {
    for (const entry of this.entries.values()) {
      entry.closed = true;
      entry.handle?.close();
    }
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  /** Removes the entry only if it is still ours (a later open may have replaced it). */
  private forget(key: string, entry: Entry): void {
    if (this.entries.get(key) === entry) this.entries.delete(key);
  }
}
