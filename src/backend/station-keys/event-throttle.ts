/**
 * Lets an event through at most once per window and key, counting what it held back, so a
 * station posting ten times a second (or a stranger trying keys) cannot flood the event log.
 */
export class EventThrottle<T> {
  private readonly pending = new Map<string, { lastMs: number; held: T | null }>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number,
    /** Folds what happened since the last event into what will be told next. */
    private readonly merge: (held: T | null, next: T) => T,
  ) {}

  /** The accumulated value to write now, or null while the window is still open. */
  offer(key: string, value: T): T | null {
    const nowMs = this.now();
    const entry = this.pending.get(key);
    const merged = this.merge(entry?.held ?? null, value);
    if (entry && nowMs - entry.lastMs < this.windowMs) {
      entry.held = merged;
      return null;
    }
    this.pending.set(key, { lastMs: nowMs, held: null });
    if (this.pending.size > 10_000) this.pending.clear();
    return merged;
  }
}
