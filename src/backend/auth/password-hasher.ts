import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** bcrypt cost: 2^12 rounds, about a quarter second per hash in bcryptjs on one core. */
export const BCRYPT_COST = 12;

// The worker is plain CommonJS given as text, so it runs the same from TypeScript source,
// under Vitest and inside Electron's bundle; bcryptjs is located by the parent.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const bcrypt = require(workerData.bcryptPath);
parentPort.on('message', (job) => {
  try {
    const result = job.op === 'hash'
      ? bcrypt.hashSync(job.password, job.cost)
      : bcrypt.compareSync(job.password, job.hash);
    parentPort.postMessage({ id: job.id, result });
  } catch (error) {
    parentPort.postMessage({ id: job.id, error: String(error && error.message || error) });
  }
});
`;

type Job =
  | { id: number; op: 'hash'; password: string; cost: number }
  | { id: number; op: 'compare'; password: string; hash: string };

/**
 * Hashes and checks passwords with bcryptjs in a worker thread, so a login never stalls the
 * thread that serves the API and ingests messages.
 */
export class PasswordHasher {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<
    number,
    { resolve(v: unknown): void; reject(e: Error): void }
  >();

  constructor(private readonly cost = BCRYPT_COST) {}

  hash(password: string): Promise<string> {
    return this.run({
      id: this.nextId++,
      op: 'hash',
      password,
      cost: this.cost,
    }) as Promise<string>;
  }

  compare(password: string, hash: string): Promise<boolean> {
    return this.run({ id: this.nextId++, op: 'compare', password, hash }) as Promise<boolean>;
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
  }

  private run(job: Job): Promise<unknown> {
    const worker = this.ensureWorker();
    return new Promise((resolve, reject) => {
      this.waiting.set(job.id, { resolve, reject });
      worker.postMessage(job);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const bcryptPath = createRequire(import.meta.url).resolve('bcryptjs');
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { bcryptPath } });
    worker.unref();
    worker.on('message', (reply: { id: number; result?: unknown; error?: string }) => {
      const job = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (reply.error !== undefined) job?.reject(new Error(reply.error));
      else job?.resolve(reply.result);
    });
    worker.on('error', (error) => {
      for (const job of this.waiting.values()) job.reject(error);
      this.waiting.clear();
      this.worker = null;
    });
    this.worker = worker;
    return worker;
  }
}
