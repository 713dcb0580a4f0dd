import Database from 'better-sqlite3';
import { bindingOptions } from '../../../store/open-database';
import type { StoredPacket } from './aedes-parts';
import { JournalWriter, type JournalWrite } from './journal-writer';
import {
  PACKET_COLUMNS,
  PACKET_COLUMNS_SQL,
  packetColumns,
  packetFromRow,
  type PacketRow,
} from './packet-columns';

/**
 * `full`: a commit is on the disk before it returns (fsync of the WAL): survives a power loss.
 * `normal`: survives the process being killed, not a power loss. The broker uses `full`.
 */
export type Durability = 'full' | 'normal';

export interface SubscriptionRecord {
  qos: number;
  rh?: number;
  rap?: number;
  nl?: boolean | number;
  subscriptionIdentifier?: number;
}

/** Everything the file held at start, to rebuild the broker's memory from. */
export interface JournalContents {
  subscriptions: { clientId: string; topic: string; record: SubscriptionRecord }[];
  outgoing: { row: number; clientId: string; packet: StoredPacket }[];
  /** The highest outgoing row number in the file (new rows count on from it). */
  lastOutgoingRow: number;
  incoming: { clientId: string; packet: StoredPacket }[];
  retained: StoredPacket[];
  wills: { clientId: string; packet: StoredPacket }[];
}

/** The file's format; a file of another format is refused with a message saying so. */
const FORMAT = 1;
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS subscriptions (
    client_id TEXT NOT NULL, topic TEXT NOT NULL, record TEXT NOT NULL,
    PRIMARY KEY (client_id, topic)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS outgoing (
    row INTEGER PRIMARY KEY, client_id TEXT NOT NULL, ${PACKET_COLUMNS_SQL});
  CREATE TABLE IF NOT EXISTS incoming (
    client_id TEXT NOT NULL, message_id INTEGER NOT NULL, ${PACKET_COLUMNS_SQL},
    PRIMARY KEY (client_id, message_id)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS retained (topic TEXT PRIMARY KEY, ${PACKET_COLUMNS_SQL}) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS wills (client_id TEXT PRIMARY KEY, ${PACKET_COLUMNS_SQL}) WITHOUT ROWID;
  PRAGMA user_version = ${FORMAT};
`;

type Table = 'subscriptions' | 'outgoing' | 'incoming' | 'retained' | 'wills';

/** A key's last change in this batch: the row's columns (read at commit), or null to delete it. */
interface Change {
  key: unknown[];
  columns: (() => unknown[]) | null;
}

const KEYS: Record<Table, string[]> = {
  subscriptions: ['client_id', 'topic'],
  outgoing: ['row'],
  incoming: ['client_id', 'message_id'],
  retained: ['topic'],
  wills: ['client_id'],
};
const COLUMNS: Record<Table, string[]> = {
  subscriptions: ['client_id', 'topic', 'record'],
  outgoing: ['row', 'client_id', ...PACKET_COLUMNS],
  incoming: ['client_id', 'message_id', ...PACKET_COLUMNS],
  retained: ['topic', ...PACKET_COLUMNS],
  wills: ['client_id', ...PACKET_COLUMNS],
};
const TABLES = Object.keys(KEYS) as Table[];
/** The writer's statements: each table's upsert (index 2 × table) and delete (2 × table + 1). */
const STATEMENTS = TABLES.flatMap((table) => [
  `INSERT OR REPLACE INTO ${table} (${COLUMNS[table].join(', ')}) ` +
    `VALUES (${COLUMNS[table].map(() => '?').join(', ')})`,
  `DELETE FROM ${table} WHERE ${KEYS[table].map((key) => `${key} = ?`).join(' AND ')}`,
]);

interface Batch {
  done: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
}

type Pending = Map<Table, Map<string, Change>>;

/**
 * The embedded broker's file (`broker.sqlite`): its sessions, subscriptions, queued messages,
 * retained messages and wills. The broker keeps all of it in memory as aedes' in-memory
 * persistence does, and writes each change here too. Changes made during one turn of the event
 * loop go to the file together, in one transaction, committed by a worker thread
 * (journal-writer.ts); while one commits, the next gathers. `durable()` resolves once what was
 * changed so far is committed. A key changed twice before its commit is written once.
 */
export class BrokerJournal {
  private readonly writer: JournalWriter;
  private contents: JournalContents | null;
  private pending: Pending = new Map();
  /** The batch gathering now, and the one being committed. */
  private batch: Batch | null = null;
  private committing: Batch | null = null;
  private scheduled: NodeJS.Immediate | null = null;
  private retry: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(file: string, durability: Durability = 'full') {
    const synchronous = durability === 'full' ? 'FULL' : 'NORMAL';
    // Opened here once to create the tables and read them back; the writer writes after.
    const db = new Database(file, bindingOptions());
    try {
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${synchronous}`);
      const format = db.pragma('user_version', { simple: true }) as number;
      if (format !== 0 && format !== FORMAT)
        throw new Error(`${file} is of format ${format}; this Linewatch reads format ${FORMAT}`);
      db.exec(SCHEMA);
      this.contents = readAll(db);
    } finally {
      db.close();
    }
    this.writer = new JournalWriter(file, synchronous, STATEMENTS);
  }

  /** What the file held when it was opened (once: the broker rebuilds its memory from it). */
  load(): JournalContents {
    const contents = this.contents;
    if (!contents) throw new Error('the broker file was already read');
    this.contents = null;
    return contents;
  }

  putSubscription(clientId: string, topic: string, record: SubscriptionRecord): void {
    this.change('subscriptions', [clientId, topic], () => [
      clientId,
      topic,
      JSON.stringify(record),
    ]);
  }

  deleteSubscription(clientId: string, topic: string): void {
    this.change('subscriptions', [clientId, topic], null);
  }

  /** The packet is read when the batch is committed, so later changes to it go too. */
  putOutgoing(row: number, clientId: string, packet: StoredPacket): void {
    this.change('outgoing', [row], () => [row, clientId, ...packetColumns(packet)]);
  }

  deleteOutgoing(row: number): void {
    this.change('outgoing', [row], null);
  }

  putIncoming(clientId: string, messageId: number, packet: StoredPacket): void {
    this.change('incoming', [clientId, messageId], () => [
      clientId,
      messageId,
      ...packetColumns(packet),
    ]);
  }

  deleteIncoming(clientId: string, messageId: number): void {
    this.change('incoming', [clientId, messageId], null);
  }

  putRetained(topic: string, packet: StoredPacket): void {
    this.change('retained', [topic], () => [topic, ...packetColumns(packet)]);
  }

  deleteRetained(topic: string): void {
    this.change('retained', [topic], null);
  }

  putWill(clientId: string, packet: StoredPacket): void {
    this.change('wills', [clientId], () => [clientId, ...packetColumns(packet)]);
  }

  deleteWill(clientId: string): void {
    this.change('wills', [clientId], null);
  }

  /** Resolves once every change made so far is committed; rejects if that commit failed. */
  durable(): Promise<void> {
    return (this.batch ?? this.committing)?.done ?? Promise.resolve();
  }

  /** Commits what is pending and closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.scheduled) clearImmediate(this.scheduled);
    if (this.retry) clearTimeout(this.retry);
    this.scheduled = this.retry = null;
    await this.committing?.done.catch(() => undefined);
    this.commit();
    await this.committing?.done.catch(() => undefined);
    await this.writer.close();
  }

  private change(table: Table, key: unknown[], columns: Change['columns']): void {
    if (this.closed) throw new Error('the broker file is closed');
    let changes = this.pending.get(table);
    if (!changes) this.pending.set(table, (changes = new Map()));
    const id = key.length === 1 ? String(key[0]) : key.join('\u0000');
    // Map order is first-insertion order; a key's latest change is all that is written.
    changes.set(id, { key, columns });
    this.batch ??= newBatch();
    this.schedule();
  }

  private schedule(): void {
    if (this.committing || this.retry) return; // committed when the one in flight is done
    this.scheduled ??= setImmediate(() => {
      this.scheduled = null;
      this.commit();
    });
  }

  private commit(): void {
    const batch = this.batch;
    if (!batch || this.committing) return;
    const pending = this.pending;
    this.batch = null;
    this.pending = new Map();
    this.committing = batch;
    const writes: JournalWrite[] = [];
    for (const [table, changes] of pending) {
      const index = TABLES.indexOf(table) * 2;
      for (const { key, columns } of changes.values()) {
        writes.push(columns ? [index, columns()] : [index + 1, key]);
      }
    }
    this.writer.write(writes).then(
      () => {
        this.committing = null;
        batch.resolve();
        if (this.batch && !this.closed) this.commit();
      },
      (error: Error) => {
        this.committing = null;
        // Keep the changes, older under newer, for the next try; whoever waited is told, and
        // aedes refuses the message: its publisher sends it again.
        for (const [table, changes] of this.pending)
          pending.set(table, new Map([...(pending.get(table) ?? []), ...changes]));
        this.pending = pending;
        this.batch ??= newBatch();
        batch.reject(error);
        if (!this.closed)
          this.retry = setTimeout(() => {
            this.retry = null;
            this.commit();
          }, RETRY_MS);
      },
    );
  }
}

const RETRY_MS = 1000;

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const done = new Promise<void>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  // A batch nobody waits for must not become an unhandled rejection.
  done.catch(() => undefined);
  return { done, resolve, reject };
}

function readAll(db: Database.Database): JournalContents {
  const rows = <T>(sql: string) => db.prepare(sql).all() as T[];
  const last = db.prepare('SELECT MAX(row) FROM outgoing').pluck().get() as number | null;
  return {
    subscriptions: rows<{ client_id: string; topic: string; record: string }>(
      'SELECT client_id, topic, record FROM subscriptions',
    ).map((row) => ({
      clientId: row.client_id,
      topic: row.topic,
      record: JSON.parse(row.record) as SubscriptionRecord,
    })),
    outgoing: rows<PacketRow & { row: number; client_id: string }>(
      'SELECT * FROM outgoing ORDER BY row',
    ).map((row) => ({ row: row.row, clientId: row.client_id, packet: packetFromRow(row) })),
    lastOutgoingRow: last ?? 0,
    incoming: rows<PacketRow & { client_id: string }>('SELECT * FROM incoming').map((row) => ({
      clientId: row.client_id,
      packet: packetFromRow(row),
    })),
    retained: rows<PacketRow>('SELECT * FROM retained').map(packetFromRow),
    wills: rows<PacketRow & { client_id: string }>('SELECT * FROM wills').map((row) => ({
      clientId: row.client_id,
      packet: packetFromRow(row),
    })),
  };
}
