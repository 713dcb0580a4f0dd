import { describeExit, type ProcessChannel } from '../process/channel';
import { PendingCalls } from '../process/pending-calls';
import type { Supervisor } from '../process/supervisor';
import { packBatch } from './batch-transport';
import { HungStoreWatch } from './hung-store-watch';
import type { RawMessage } from './ingest-messages';
import { unpackSummary } from './summary-transport';
import { StoreError, type FromStore, type ToStore } from './rpc';
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
  /** One tiny committed write, for the health report: can the store write right now? */
  probeWrite(): Promise<{ writable: boolean; detail: string }>;
  /** Set when the store found the database damaged, moved it aside and started afresh. */
  readonly recovery: { movedTo: string; reason: string } | null;
  close(): Promise<void>;
};

/**
 * The store cannot answer: it is restarting after its process ended, or it could not open
 * the database. Callers get the contract's UNAVAILABLE (503), never an auth error.
 */
export class StoreUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

export const STORE_RESTARTING = 'The store is restarting; try again in a few seconds';

/** A call the store has not answered in this long fails (a hung store, not a dead one). */
const CALL_TIMEOUT_MS = 60_000;
/**
 * A supervised store that has sent nothing at all for this long while a call waited is hung,
 * not busy: it is ended, and the supervisor starts a new one (hung-store-watch.ts). Longer
 * than any one operation takes on a starved machine: the store answers nothing during one.
 */
const HUNG_AFTER_MS = 3 * 60_000;
/**
 * Calls of a supervised store that wait as long as the store works (answers something) rather
 * than fail after CALL_TIMEOUT_MS. An ingest batch that timed out was sent again while the
 * store still had the first one to do: in the 30-minute soak a store behind its work got the
 * same batch again every minute (stored each time as duplicates) on top of its queue, and for
 * 13 minutes no batch and no API call was answered in time. A hung store is ended instead.
 */
const UNTIMED_OPS = new Set(['ingestBatch']);
/** Calls that copy the whole database may take longer on a big plant. */
const SLOW_CALL_TIMEOUT_MS = 15 * 60_000;
const SLOW_OPS = new Set(['backup', 'restoreBackup', 'applyRetention']);
/** The spare store process boots this long after the store opened, not to slow the start. */
const SPARE_DELAY_MS = 5000;
/** Opening includes migrations and the integrity check of a big file. */
const OPEN_TIMEOUT_MS = 5 * 60_000;

interface Connection {
  channel: ProcessChannel;
  recovery: { movedTo: string; reason: string } | null;
  call(op: string, args: unknown[]): Promise<unknown>;
  exited: Promise<void>;
  isAlive(): boolean;
}

/** Opens the database in a freshly launched store process; rejects if it cannot. */
function openConnection(
  channel: ProcessChannel,
  databasePath: string,
  migrationsDir: string,
  notice: (notice: StoreNotice) => void,
  now: (() => number) | undefined,
  pageLimitFile?: string,
  /** Supervised stores only: see HUNG_AFTER_MS and UNTIMED_OPS (null: calls just time out). */
  hung: { afterMs: number; callTimeoutMs: number; log: (line: string) => void } | null = null,
): Promise<Connection> {
  const pending = new PendingCalls();
  let alive = true;
  const callTimeoutMs = hung?.callTimeoutMs ?? CALL_TIMEOUT_MS;
  const watch = hung
    ? new HungStoreWatch({
        afterMs: hung.afterMs,
        log: hung.log,
        end: () => channel.kill('SIGKILL'),
      })
    : null;
  const timeoutOf = (op: string): number => {
    if (SLOW_OPS.has(op)) return SLOW_CALL_TIMEOUT_MS;
    return watch && UNTIMED_OPS.has(op) ? Infinity : callTimeoutMs;
  };
  let markExited!: () => void;
  const exited = new Promise<void>((resolve) => (markExited = resolve));
  return new Promise<Connection>((resolve, reject) => {
    const openTimer = setTimeout(() => {
      reject(new StoreUnavailableError('The store did not open the database in time'));
      channel.kill('SIGKILL');
    }, OPEN_TIMEOUT_MS);
    openTimer.unref();
    const connection: Connection = {
      channel,
      recovery: null,
      exited,
      isAlive: () => alive,
      call(op, args) {
        if (!alive) return Promise.reject(new StoreUnavailableError(STORE_RESTARTING));
        const answer = pending.start(
          (id) => {
            channel.postMessage({
              kind: 'call',
              id,
              op,
              args: op === 'ingestBatch' ? packIngestArgs(args) : args,
              nowMs: now?.(),
            } satisfies ToStore);
            watch?.sent(id, SLOW_OPS.has(op));
          },
          timeoutOf(op),
          () => new StoreUnavailableError(`The store did not answer ${op} in time`),
        );
        // An ingest summary comes back with its results by field (summary-transport.ts).
        return op === 'ingestBatch' ? answer.then(unpackSummary) : answer;
      },
    };
    channel.onMessage((raw) => {
      const message = raw as FromStore;
      watch?.heard(
        message.kind === 'result' || message.kind === 'failure' ? message.id : undefined,
      );
      switch (message.kind) {
        case 'ready':
          clearTimeout(openTimer);
          connection.recovery = message.recovery;
          resolve(connection);
          break;
        case 'fatal':
          clearTimeout(openTimer);
          reject(new StoreUnavailableError(message.message));
          // A store that could not open the database is of no use: do not leave it running.
          channel.kill();
          break;
        case 'result':
          pending.resolve(message.id, message.value);
          break;
        case 'failure':
          pending.fail(message.id, new StoreError(message.code, message.message));
          break;
        case 'notice':
          notice(message as StoreNotice);
          break;
      }
    });
    channel.onExit((code, signal) => {
      alive = false;
      watch?.stop();
      clearTimeout(openTimer);
      const why = describeExit(code, signal);
      reject(new StoreUnavailableError(`The store process ended (${why}) before it was ready`));
      pending.failAll(new StoreUnavailableError(`${STORE_RESTARTING} (its process ${why})`));
      markExited();
    });
    channel.postMessage({
      kind: 'open',
      databasePath,
      migrationsDir,
      pageLimitFile,
    } satisfies ToStore);
  });
}

/** An ingest batch crosses as one buffer of payloads (batch-transport.ts), not 2,000 objects. */
function packIngestArgs(args: unknown[]): unknown[] {
  const [messages, ...rest] = args;
  return [packBatch(messages as RawMessage[]), ...rest];
}

/** Turns "the current connection" into the typed client every caller uses. */
function clientOf(
  current: () => Connection | null,
  listeners: ((notice: StoreNotice) => void)[],
  recovery: Connection['recovery'],
  close: () => Promise<void>,
): StoreClient {
  const base = {
    recovery,
    onNotice(listener: (notice: StoreNotice) => void) {
      listeners.push(listener);
    },
    close,
  };
  return new Proxy(base, {
    get(target, prop) {
      if (prop in target) return target[prop as keyof typeof target];
      if (typeof prop !== 'string' || prop === 'then') return undefined;
      return (...args: unknown[]) => {
        const connection = current();
        if (!connection) return Promise.reject(new StoreUnavailableError(STORE_RESTARTING));
        return connection.call(prop, args);
      };
    },
  }) as StoreClient;
}

/** Ends a store process: SIGTERM (it closes the database cleanly), SIGKILL after a grace. */
async function endProcess(connection: Connection, graceMs = 3000): Promise<void> {
  if (!connection.isAlive()) return;
  connection.channel.kill('SIGTERM');
  const timer = setTimeout(() => connection.channel.kill('SIGKILL'), graceMs);
  await connection.exited;
  clearTimeout(timer);
}

/**
 * Connects to one freshly launched store process, opens the database and returns the client;
 * nothing restarts it (tools and tests). Rejects with the store's own message when the
 * database cannot be opened (for example one written by a newer Linewatch).
 */
export async function connectStore(
  channel: ProcessChannel,
  databasePath: string,
  migrationsDir = '',
  /** The injected clock, the store's "now" for each call; without it the store's own. */
  now?: () => number,
): Promise<StoreClient> {
  const listeners: ((notice: StoreNotice) => void)[] = [];
  const connection = await openConnection(
    channel,
    databasePath,
    migrationsDir,
    (notice) => {
      for (const listener of listeners) listener(notice);
    },
    now,
  );
  return clientOf(
    () => connection,
    listeners,
    connection.recovery,
    () => endProcess(connection),
  );
}

export interface StoreSupervision {
  supervisor: Supervisor;
  launch: () => ProcessChannel;
  /** A new store process runs, not yet used: put back what it keeps in memory (the topic root). */
  prepare(store: StoreClient): Promise<void>;
  /** The new store process serves calls again after the old one ended (`why`): record it. */
  restarted(store: StoreClient, why: string): Promise<void>;
  /** The injected clock, sent with each call as the store's "now". */
  now?: () => number;
  /** Tests only: a shorter call timeout (and so a shorter wait before a hung store is ended). */
  callTimeoutMs?: number;
  /** Where the end of a hung store is told (the supervisor then logs its restart). */
  log?: (line: string) => void;
  /**
   * Keep a spare store process booted beside the running one (default true). Worth its ~66 MB
   * where a cold start takes seconds (TypeScript compiled at run time); a built store starts in
   * about 0.15 s of CPU, so built code goes without and stays within the idle memory budget.
   */
  keepSpare?: boolean;
}

/**
 * The store process under supervision: if it dies, a new one is started (with back-off) and
 * the same client talks to it. Meanwhile every call fails with StoreUnavailableError.
 */
export async function superviseStore(
  supervision: StoreSupervision,
  databasePath: string,
  migrationsDir = '',
  /** Tests only: a simulated full disk (PageLimitFile). */
  pageLimitFile?: string,
): Promise<StoreClient> {
  const listeners: ((notice: StoreNotice) => void)[] = [];
  const notice = (received: StoreNotice) => {
    for (const listener of listeners) listener(received);
  };
  let current: Connection | null = null;
  let closing = false;
  // A spare store process, booted (Node, tsx, SQLite loaded) but with no database open: a
  // restart hands it the database at once instead of waiting seconds for a cold start.
  let spare: ProcessChannel | null = null;
  let spareTimer: NodeJS.Timeout | null = null;
  const bootSpareSoon = () => {
    if (supervision.keepSpare === false || closing || spare || spareTimer) return;
    spareTimer = setTimeout(() => {
      spareTimer = null;
      if (closing || spare) return;
      const booted = supervision.launch();
      spare = booted;
      booted.onExit(() => {
        if (spare === booted) spare = null;
      });
    }, SPARE_DELAY_MS);
    spareTimer.unref();
  };
  const start = async (): Promise<Connection> => {
    const channel = spare ?? supervision.launch();
    spare = null;
    const callTimeoutMs = supervision.callTimeoutMs ?? CALL_TIMEOUT_MS;
    const opened = await openConnection(
      channel,
      databasePath,
      migrationsDir,
      notice,
      supervision.now,
      pageLimitFile,
      {
        afterMs: Math.min(HUNG_AFTER_MS, callTimeoutMs),
        callTimeoutMs,
        log: supervision.log ?? (() => undefined),
      },
    );
    bootSpareSoon();
    return opened;
  };
  const first = await supervision.supervisor.keep({
    name: 'store',
    start,
    ended: () => (current = null),
    restarted: async (next, why) => {
      if (closing) return;
      // What the store keeps in memory goes back before any other call reaches it.
      try {
        await supervision.prepare(
          clientOf(
            () => next,
            [],
            next.recovery,
            async () => undefined,
          ),
        );
      } catch (error) {
        // Not usable as it is: end it, and the supervisor starts another.
        next.channel.kill('SIGKILL');
        throw error;
      }
      if (closing || !next.isAlive()) return;
      current = next;
      await supervision.restarted(client, why);
    },
  });
  current = first;
  const client = clientOf(
    () => current,
    listeners,
    first.recovery,
    async () => {
      closing = true;
      if (spareTimer) clearTimeout(spareTimer);
      spare?.kill('SIGKILL');
      spare = null;
      supervision.supervisor.release('store');
      const last = current;
      current = null;
      if (last) await endProcess(last);
    },
  );
  return client;
}
