import { StoreError, type FromStore, type StoreChannel } from './rpc';
import type { Actor, RestoreOutcome, StoreNotice, StoreOps } from './store';

type Async<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R
    ? (...args: A) => Promise<Awaited<R>>
    : never;
};

/** The store's operations as promises, for code outside the store process. */
export type StoreClient = Async<StoreOps> & {
  onNotice(listener: (notice: StoreNotice) => void): void;
  /**
   * Puts a checked backup in place of the live database (a safety copy of which goes to
   * `backupsDir`); run by the store process itself, since it closes its own connection.
   */
  restoreBackup(backupFile: string, backupsDir: string, actor: Actor): Promise<RestoreOutcome>;
  /** Set when the store found the database damaged, moved it aside and started afresh. */
  readonly recovery: { movedTo: string; reason: string } | null;
  close(): Promise<void>;
};

export class StoreUnavailableError extends Error {}

/**
 * Connects to a freshly launched store process, opens the database and returns the client.
 * Rejects with the store's own message when the database cannot be opened (for example
 * one written by a newer Linewatch).
 */
export async function connectStore(
  channel: StoreChannel,
  databasePath: string,
  migrationsDir = '',
): Promise<StoreClient> {
  let nextId = 1;
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const noticeListeners: ((notice: StoreNotice) => void)[] = [];
  let exited = false;
  let opened: { resolve(): void; reject(e: Error): void } | null = null;
  let recovery: { movedTo: string; reason: string } | null = null;
  let exitWaiters: (() => void)[] = [];

  channel.onMessage((raw) => {
    const message = raw as FromStore;
    switch (message.kind) {
      case 'ready':
        recovery = message.recovery;
        opened?.resolve();
        break;
      case 'fatal':
        opened?.reject(new StoreUnavailableError(message.message));
        // A store that could not open the database is of no use: do not leave it running.
        channel.kill();
        break;
      case 'result':
        waiting.get(message.id)?.resolve(message.value);
        waiting.delete(message.id);
        break;
      case 'failure':
        waiting.get(message.id)?.reject(new StoreError(message.code, message.message));
        waiting.delete(message.id);
        break;
      case 'notice':
        for (const listener of noticeListeners) listener(message as StoreNotice);
        break;
    }
  });
  channel.onExit((code) => {
    exited = true;
    const error = new StoreUnavailableError(`The store process stopped (exit code ${code})`);
    opened?.reject(error);
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
    for (const waiter of exitWaiters) waiter();
    exitWaiters = [];
  });

  await new Promise<void>((resolve, reject) => {
    opened = { resolve, reject };
    channel.postMessage({ kind: 'open', databasePath, migrationsDir });
  });

  const call = (op: string, args: unknown[]): Promise<unknown> => {
    if (exited)
      return Promise.reject(new StoreUnavailableError('The store process is not running'));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      channel.postMessage({ kind: 'call', id, op, args });
    });
  };

  const base = {
    recovery,
    onNotice(listener: (notice: StoreNotice) => void) {
      noticeListeners.push(listener);
    },
    close() {
      if (exited) return Promise.resolve();
      return new Promise<void>((resolve) => {
        exitWaiters.push(resolve);
        channel.kill();
      });
    },
  };
  return new Proxy(base, {
    get(target, prop) {
      if (prop in target) return target[prop as keyof typeof target];
      if (typeof prop !== 'string' || prop === 'then') return undefined;
      return (...args: unknown[]) => call(prop, args);
    },
  }) as StoreClient;
}
