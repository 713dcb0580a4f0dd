/**
 * The live items of one topic that arrived lately, numbered. A load takes a mark before it
 * asks the backend and merges what arrived after the mark over the answer: an item that came
 * while the answer was on its way may not be in it, and must not be lost.
 */
export class LiveJournal<T> {
  private last = 0;
  private entries: { seq: number; item: T }[] = [];

  constructor(private readonly keep = 5000) {}

  mark(): number {
    return this.last;
  }

  add(items: readonly T[]): void {
    for (const item of items) this.entries.push({ seq: ++this.last, item });
    if (this.entries.length > this.keep) this.entries = this.entries.slice(-this.keep);
  }

  since(mark: number): T[] {
    return this.entries.filter((entry) => entry.seq > mark).map((entry) => entry.item);
  }
}
