import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../../../../src/backend/store/open-database';
import { createStore, type Store } from '../../../../src/backend/store/store';
import type { RawMessage } from '../../../../src/backend/store/ingest-messages';

const MIGRATIONS_DIR = join(process.cwd(), 'src/backend/store/migrations');

/** The store as the store process runs it, in this process, on a fresh SQLite file. */
export interface StoreInProcess {
  store: Store;
  db: Database;
  close(): void;
}

export function openStoreInProcess(): StoreInProcess {
  const dir = mkdtempSync(join(tmpdir(), 'linewatch-store-'));
  const { db } = openDatabase(join(dir, 'linewatch.sqlite'), MIGRATIONS_DIR);
  const store = createStore(db, () => undefined);
  return {
    store,
    db,
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One protocol message on `factory/{line}/{machine}/{kind}`. */
export function rawMessage(
  lineId: string,
  machineId: string,
  kind: 'test' | 'state' | 'telemetry',
  body: Record<string, unknown>,
  receivedMs: number,
): RawMessage {
  return {
    topic: `factory/${lineId}/${machineId}/${kind}`,
    payload: Buffer.from(JSON.stringify(body)),
    receivedMs,
  };
}
