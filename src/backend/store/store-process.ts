/**
 * Entry of the store process: the one writer of the SQLite database. Started by Electron's
 * utilityProcess in the desktop app and by child_process.fork under Node; the messages are
 * the same (rpc.ts).
 */
import { fileURLToPath } from 'node:url';
import { openCheckedDatabase } from './recover-database';
import { StoreError, type FromStore, type ToStore } from './rpc';
import { Store } from './store';

interface ParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

const electronPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;

function send(message: FromStore): void {
  if (electronPort) electronPort.postMessage(message);
  else process.send?.(message);
}

function onMessage(listener: (message: ToStore) => void): void {
  if (electronPort) electronPort.on('message', (event) => listener(event.data as ToStore));
  else process.on('message', (message) => listener(message as ToStore));
}

let store: Store | null = null;

function open(request: Extract<ToStore, { kind: 'open' }>): void {
  try {
    const opened = openCheckedDatabase(
      request.databasePath,
      request.migrationsDir || fileURLToPath(new URL('./migrations/', import.meta.url)),
    );
    const { migratedFrom, migratedTo, recovery } = opened;
    store = new Store(opened.db, (notice) => send({ kind: 'notice', ...notice }));
    db = opened.db;
    send({ kind: 'ready', migratedFrom, migratedTo, recovery });
  } catch (error) {
    send({ kind: 'fatal', message: error instanceof Error ? error.message : String(error) });
  }
}

function sendFailure(id: number, error: unknown): void {
  if (error instanceof StoreError) {
    send({ kind: 'failure', id, code: error.code, message: error.message });
  } else {
    const message = error instanceof Error ? error.message : String(error);
    send({ kind: 'failure', id, code: 'INTERNAL', message });
  }
}

function call(request: Extract<ToStore, { kind: 'call' }>): void {
  try {
    if (!store) throw new StoreError('INTERNAL', 'The database is not open');
    const op = (store as unknown as Record<string, unknown>)[request.op];
    if (typeof op !== 'function' || !(request.op in Store.prototype)) {
      throw new StoreError('INTERNAL', `Unknown store operation ${request.op}`);
    }
    const value = (op as (...args: unknown[]) => unknown).apply(store, request.args);
    // Almost every operation is synchronous; the online backup is not.
    if (value instanceof Promise) {
      value.then(
        (resolved: unknown) => send({ kind: 'result', id: request.id, value: resolved }),
        (error: unknown) => sendFailure(request.id, error),
      );
      return;
    }
    send({ kind: 'result', id: request.id, value });
  } catch (error) {
    sendFailure(request.id, error);
  }
}

onMessage((message) => {
  if (message.kind === 'open') open(message);
  else if (message.kind === 'call') call(message);
});

let db: { close(): void } | null = null;

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
