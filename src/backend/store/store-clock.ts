import { systemClock } from '../../shared/clock';

/**
 * "Now" inside the store process: the backend's injected clock (`Services.now`), sent along
 * with every call (rpc.ts `nowMs`) and set for the length of that call, so a stamp the store
 * writes (an event's time, a command's, a spec's) is the time the backend's clock gave, in
 * tests and in production alike. Only a call that brings no time (a store run in-process by a
 * tool or a test) falls back to the system clock.
 */
export class StoreClock {
  private givenMs: number | null = null;

  /** Runs one synchronous operation with the caller's time as "now". */
  during<T>(nowMs: number | undefined, work: () => T): T {
    const before = this.givenMs;
    this.givenMs = nowMs ?? null;
    try {
      return work();
    } finally {
      this.givenMs = before;
    }
  }

  nowMs(): number {
    return this.givenMs ?? systemClock();
  }

  nowIso(): string {
    return new Date(this.nowMs()).toISOString();
  }
}
