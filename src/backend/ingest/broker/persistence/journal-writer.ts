import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { bindingOptions } from '../../../store/open-database';

/** One write: which statement (by index) and its parameters. */
export type JournalWrite = [statement: number, parameters: unknown[]];

// Plain CommonJS given as text, so it runs the same from TypeScript source, under Vitest and
// inside Electron's bundle (as the password hasher's worker does); better-sqlite3 is located
// by the parent.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlitePath);
const db = new Database(workerData.file, workerData.options);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = ' + workerData.synchronous);
const statements = workerData.statements.map((sql) => db.prepare(sql));
const write = db.transaction((writes) => {
  for (const [statement, parameters] of writes) statements[statement].run(parameters);
});
parentPort.on('message', (batch) => {
  if (batch === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    write(batch.writes);
    parentPort.postMessage({ id: batch.id });
  } catch (error) {
    parentPort.postMessage({ id: batch.id, error: String((error && error.message) || error) });
  }
});
`;

/**
 * Commits batches of writes to the broker's file in a worker thread: the fsync of a commit
 * (milliseconds on a real disk) no longer stops the broker's thread, which meanwhile reads,
 * routes and gathers the next batch. One batch is in flight at a time.
 */
export class JournalWriter {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve(): void; reject(error: Error): void }>();
  private failure: Error | null = null;

  constructor(file: string, synchronous: 'FULL' | 'NORMAL', statements: string[]) {
    const sqlitePath = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { sqlitePath, file, options: bindingOptions(), synchronous, statements },
    });
    this.worker.on('message', (reply: { id: number; error?: string }) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (reply.error) waiter?.reject(new Error(reply.error));
      else waiter?.resolve();
    });
    // A writer that died cannot be trusted to have written anything: every waiter fails and
    // every later batch too, so aedes refuses messages (their publishers send them again)
    // until the broker process is restarted.
    const fail = (error: Error) => {
      this.failure = error;
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', () => fail(new Error("the broker file's writer has ended")));
  }

  write(writes: JournalWrite[]): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, writes });
    });
  }

  async close(): Promise<void> {
    if (this.failure) return;
    const ended = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage('close');
    await ended;
  }
}
