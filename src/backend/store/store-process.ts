/**
 * Entry of the store process: the one writer of the SQLite database. Started by Electron's
 * utilityProcess in the desktop app and by child_process.fork under Node; the messages are
 * the same (rpc.ts).
 */
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';
import { openCheckedDatabase } from './recover-database';
import { checkBackup, stageBackup, swapInBackup } from './restore-database';
import { StoreError, type FromStore, type ToStore } from './rpc';
import { createStore, isStoreOp, type Actor, type RestoreOutcome, type Store } from './store';
import { openDatabase, type OpenedDatabase } from './open-database';
import { DiskReserve } from './disk-reserve';
import { isStorageFull, pageHeadroom, StorageGuard } from './storage-guard';
import { PageLimitFile } from './page-limit-file';
import { parentChannel } from '../process/parent-channel';
import { StoreClock } from './store-clock';
import { isPackedBatch, unpackBatch } from './batch-transport';
import type { IngestSummary } from './ingest-messages';
import { packSummary } from './summary-transport';

const { send, onMessage } = parentChannel<ToStore, FromStore>();

let store: Store | null = null;
/** Set to the caller's time for each call. */
const clock = new StoreClock();
let databasePath = '';
let migrationsDir = '';

let guard: StorageGuard | null = null;
/** A test's simulated full disk, when the open request names one. */
let pageLimit: PageLimitFile | null = null;

function useDatabase(opened: Database): void {
  store = createStore(opened, (notice) => send({ kind: 'notice', ...notice }), clock);
  db = opened;
}

function open(request: Extract<ToStore, { kind: 'open' }>): void {
  try {
    databasePath = request.databasePath;
    pageLimit = request.pageLimitFile ? new PageLimitFile(request.pageLimitFile) : null;
    migrationsDir =
      request.migrationsDir || fileURLToPath(new URL('./migrations/', import.meta.url));
    const opened = openCheckedDatabase(databasePath, migrationsDir, clock.nowMs());
    const { migratedFrom, migratedTo, recovery } = opened;
    useDatabase(opened.db);
    const reserve = new DiskReserve(`${databasePath}.reserve`);
    reserve.ensure();
    guard = new StorageGuard(
      reserve,
      () => (db ? pageHeadroom(db) : true),
      () => clock.nowMs(),
    );
    send({ kind: 'ready', migratedFrom, migratedTo, recovery });
  } catch (error) {
    send({ kind: 'fatal', message: error instanceof Error ? error.message : String(error) });
  }
}

function sendFailure(id: number, error: unknown): void {
  if (isStorageFull(error)) {
    const message = error instanceof Error ? error.message : String(error);
    send({ kind: 'failure', id, code: 'STORAGE_FULL', message });
  } else if (error instanceof StoreError) {
    send({ kind: 'failure', id, code: error.code, message: error.message });
  } else {
    const message = error instanceof Error ? error.message : String(error);
    send({ kind: 'failure', id, code: 'INTERNAL', message });
  }
}

let restoring = false;

/**
 * Replaces the live database with a checked backup: the one writer closes its connection,
 * so this runs here and not as a Store operation. A safety copy of the live database is
 * taken first (online backup); a refused backup leaves the live database untouched.
 */
async function restoreBackup(
  backupFile: string,
  backupsDir: string,
  actor: Actor,
  nowMs: number | undefined,
): Promise<RestoreOutcome> {
  if (!store || !db) throw new StoreError('INTERNAL', 'The database is not open');
  if (restoring) throw new StoreError('CONFLICT', 'A restore is already running');
  restoring = true;
  try {
    checkBackup(backupFile, migrationsDir);
    const stamp = new Date(nowMs ?? clock.nowMs()).toISOString().replace(/[:.]/g, '-');
    const safetyCopy = join(backupsDir, `before-restore-${stamp}.sqlite`);
    await db.backup(safetyCopy);
    const staged = stageBackup(databasePath, backupFile);
    // From here to the reopen nothing awaits: no other call can reach a closed database.
    db.close();
    let opened: OpenedDatabase;
    try {
      opened = swapInBackup(databasePath, staged, safetyCopy, migrationsDir);
    } catch (error) {
      useDatabase(openDatabase(databasePath, migrationsDir).db);
      throw error;
    }
    useDatabase(opened.db);
    const restored = store;
    return clock.during(nowMs, () =>
      restored.recordRestore(basename(backupFile), basename(safetyCopy), actor, {
        from: opened.migratedFrom,
        to: opened.migratedTo,
      }),
    );
  } finally {
    restoring = false;
  }
}

/**
 * The health report's write probe: one tiny committed write (a private settings row, which
 * the settings API never returns), so a read-only
 * file, a lock nobody releases or a full disk shows, without touching plant data.
 */
function probeWrite(): { writable: boolean; detail: string } {
  if (!db) return { writable: false, detail: 'the database is not open' };
  if (guard?.isFull) return { writable: false, detail: 'the disk is full' };
  try {
    db.prepare(
      `INSERT INTO settings (key, value) VALUES ('secret.health-probe', ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    ).run(JSON.stringify(String(process.hrtime.bigint())));
    return { writable: true, detail: '' };
  } catch (error) {
    return { writable: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

/** The backend sends an ingest batch packed (batch-transport.ts); a plain array works too. */
function unpackIngestArgs(args: unknown[]): unknown[] {
  const [batch, ...rest] = args;
  return [isPackedBatch(batch) ? unpackBatch(batch) : batch, ...rest];
}

function call(request: Extract<ToStore, { kind: 'call' }>): void {
  try {
    if (request.op === 'probeWrite') {
      send({ kind: 'result', id: request.id, value: probeWrite() });
      return;
    }
    if (!store) throw new StoreError('INTERNAL', 'The database is not open');
    if (request.op === 'restoreBackup') {
      const [file, dir, actor] = request.args as [string, string, Actor];
      restoreBackup(file, dir, actor, request.nowMs).then(
        (resolved) => send({ kind: 'result', id: request.id, value: resolved }),
        (error: unknown) => sendFailure(request.id, error),
      );
      return;
    }
    if (!isStoreOp(store, request.op)) {
      throw new StoreError('INTERNAL', `Unknown store operation ${request.op}`);
    }
    const op = store[request.op];
    if (db) pageLimit?.apply(db);
    guard?.before(request.op, store);
    const run = store;
    const args = request.op === 'ingestBatch' ? unpackIngestArgs(request.args) : request.args;
    const value = clock.during(request.nowMs, () =>
      (op as (...args: unknown[]) => unknown).apply(run, args),
    );
    // Almost every operation is synchronous; the online backup is not.
    if (value instanceof Promise) {
      value.then(
        (resolved: unknown) => send({ kind: 'result', id: request.id, value: resolved }),
        (error: unknown) => sendFailure(request.id, error),
      );
      return;
    }
    guard?.succeeded(store);
    send({
      kind: 'result',
      id: request.id,
      // The results by field (summary-transport.ts); store-client.ts puts them back.
      value: request.op === 'ingestBatch' ? packSummary(value as IngestSummary) : value,
    });
  } catch (error) {
    if (store) guard?.failed(error, store);
    sendFailure(request.id, error);
  }
}

onMessage((message) => {
  if (message.kind === 'open') open(message);
  else if (message.kind === 'call') call(message);
});

let db: Database | null = null;

/** Closes the database cleanly (a checkpoint folds the WAL back into the file), then exits. */
function shutDown(): never {
  try {
    db?.close();
  } finally {
    process.exit(0);
  }
}

// The parent going away must not leave an orphan holding the database.
process.on('disconnect', shutDown);
process.on('SIGTERM', shutDown);
