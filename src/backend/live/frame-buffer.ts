import type { LiveBatch } from '../../shared/contract';
import type { LiveFrame } from '../../shared/live/live-protocol';

/**
 * The numbered frames of one feed, the latest few kept for a resume. Bounded by count and by
 * age; `resumableFrom` is the lowest "last seen" number a client may resume from.
 */
export class FrameBuffer {
  private frames: (LiveFrame & { at: number })[] = [];
  private seq = 0;
  /** A client that saw frame n may resume when n >= this. */
  private resumableFrom = 0;

  constructor(
    private readonly maxFrames: number,
    private readonly maxAgeMs: number,
  ) {}

  get lastSeq(): number {
    return this.seq;
  }

  /** Numbers and keeps one frame; returns its number. */
  push(batches: LiveBatch[], now: number): number {
    this.seq += 1;
    this.frames.push({ seq: this.seq, batches, at: now });
    this.trim(now);
    return this.seq;
  }

  /**
   * The frames after `seen`, or null when some of them are gone (or `seen` is from the
   * future, i.e. another feed's numbering).
   */
  after(seen: number, last: number): LiveFrame[] | null {
    if (seen > last || seen < this.resumableFrom) return null;
    return this.frames.filter((frame) => frame.seq > seen);
  }

  /** Nobody may resume from before now (lost items, a changed scope). */
  forgetAll(): void {
    this.frames = [];
    this.resumableFrom = this.seq;
  }

  private trim(now: number): void {
    let cut = 0;
    while (
      cut < this.frames.length &&
      (this.frames.length - cut > this.maxFrames || now - this.frames[cut]!.at > this.maxAgeMs)
    ) {
      cut += 1;
    }
    if (cut === 0) return;
    this.resumableFrom = this.frames[cut - 1]!.seq;
    this.frames = this.frames.slice(cut);
  }
}
