/**
 * Bookkeeping of the live connections renderers opened over IPC, keyed by (renderer, feed id).
 * Each entry is one LiveConnection (the same protocol as the WebSocket): messages from the
 * renderer are routed to it, and it is told when its renderer goes away. Pure, so it is
 * covered by a Node test instead of an Electron one.
 */
export interface LiveEndpoint {
  receive(message: unknown): unknown;
  /** The renderer side went away; the feed is kept for a resume. */
  closed(): void;
}

export class LiveFeeds<Endpoint extends LiveEndpoint = LiveEndpoint> {
  private readonly entries = new Map<string, Endpoint>();

  private static key(owner: number, id: string): string {
    return `${owner}\u0000${id}`;
  }

  /** Registers a connection; a re-used id replaces (and closes) the old one. */
  open(owner: number, id: string, endpoint: Endpoint): void {
    this.close(owner, id);
    this.entries.set(LiveFeeds.key(owner, id), endpoint);
  }

  /** Routes a renderer's message; false when the feed is unknown (closed, or never opened). */
  deliver(owner: number, id: string, message: unknown): boolean {
    const endpoint = this.entries.get(LiveFeeds.key(owner, id));
    if (!endpoint) return false;
    endpoint.receive(message);
    return true;
  }

  close(owner: number, id: string): void {
    const key = LiveFeeds.key(owner, id);
    const endpoint = this.entries.get(key);
    if (!endpoint) return;
    this.entries.delete(key);
    endpoint.closed();
  }

  /** Closes every feed of one renderer (it reloaded, crashed or was destroyed). */
  closeOwner(owner: number): void {
    const prefix = `${owner}\u0000`;
    for (const [key, endpoint] of [...this.entries]) {
      if (!key.startsWith(prefix)) continue;
      this.entries.delete(key);
      endpoint.closed();
    }
  }

  closeAll(): void {
    const all = [...this.entries.values()];
    this.entries.clear();
    for (const endpoint of all) endpoint.closed();
  }

  get size(): number {
    return this.entries.size;
  }
}
