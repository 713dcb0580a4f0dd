/**
 * Tells a store process that is hung from one that is busy. A busy store answers its calls in
 * turn, late perhaps; a hung one (alive, sending nothing: stuck, stopped, or its answers no
 * longer reaching the backend) would leave every call waiting for ever. Once a call has been
 * waiting and nothing at all (no answer, no notice) has come from the store for `afterMs`, the
 * store is ended, so its supervisor starts a new one. Calls that may rightly keep the store
 * quiet for long (a backup) suspend the judgement while they run.
 */
export class HungStoreWatch {
  private lastHeard = performance.now();
  /** Calls sent and not answered yet, including those whose caller stopped waiting. */
  private readonly unanswered = new Set<number>();
  private readonly quietOnes = new Set<number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly options: {
      afterMs: number;
      /** Ends the store (SIGKILL); its exit fails the waiting calls. */
      end: () => void;
      log: (line: string) => void;
    },
  ) {}

  /** A call went out; `quiet`: it may keep the store silent for long (see SLOW_OPS). */
  sent(id: number, quiet: boolean): void {
    if (this.unanswered.size === 0) this.lastHeard = performance.now();
    this.unanswered.add(id);
    if (quiet) this.quietOnes.add(id);
    if (!this.timer) {
      this.timer = setInterval(() => this.check(), Math.max(50, this.options.afterMs / 4));
      this.timer.unref();
    }
  }

  /** Something came from the store; `answeredId` when it was the answer to a call. */
  heard(answeredId?: number): void {
    this.lastHeard = performance.now();
    if (answeredId === undefined) return;
    this.unanswered.delete(answeredId);
    this.quietOnes.delete(answeredId);
    if (this.unanswered.size === 0) this.stop();
  }

  /** The store ended (or the connection closes): nothing more to watch. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.unanswered.clear();
    this.quietOnes.clear();
  }

  private check(): void {
    if (this.unanswered.size === 0 || this.quietOnes.size > 0) return;
    const silentMs = performance.now() - this.lastHeard;
    if (silentMs < this.options.afterMs) return;
    this.options.log(
      `the store process sent nothing for ${Math.round(silentMs / 1000)} s while ` +
        `${this.unanswered.size} call(s) waited: it is ended, and a new one started`,
    );
    this.stop();
    this.options.end();
  }
}
