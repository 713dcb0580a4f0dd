/**
 * Calls waiting for an answer from a background process, by id, each with a deadline: a
 * process that hangs (rather than dies) fails its callers with a clear error instead of
 * holding them forever. When the process ends, every waiting call fails at once.
 */
export class PendingCalls<T = unknown> {
  private nextId = 1;
  private readonly waiting = new Map<
    number,
    { resolve(value: T): void; reject(error: Error): void; timer: NodeJS.Timeout | null }
  >();

  /** Registers a call; `send` posts it with its id. Rejects with `onTimeout()` after `timeoutMs`. */
  start(send: (id: number) => void, timeoutMs: number, onTimeout: () => Error): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer =
        timeoutMs > 0 && Number.isFinite(timeoutMs)
          ? setTimeout(() => {
              this.waiting.delete(id);
              reject(onTimeout());
            }, timeoutMs)
          : null;
      timer?.unref();
      this.waiting.set(id, { resolve, reject, timer });
      try {
        send(id);
      } catch (error) {
        this.fail(id, error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  resolve(id: number, value: T): void {
    const call = this.take(id);
    call?.resolve(value);
  }

  fail(id: number, error: Error): void {
    const call = this.take(id);
    call?.reject(error);
  }

  failAll(error: Error): void {
    for (const id of [...this.waiting.keys()]) this.fail(id, error);
  }

  get size(): number {
    return this.waiting.size;
  }

  private take(id: number) {
    const call = this.waiting.get(id);
    if (!call) return undefined;
    this.waiting.delete(id);
    if (call.timer) clearTimeout(call.timer);
    return call;
  }
}
