/**
 * What the plant bench (bench/plant.bench.ts) watches: each process's CPU and RSS, and when each
 * result became visible in the database.
 */
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { processTree } from './bench-record';
import { formatMs } from './stats';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** User + system CPU time of a process so far, in ms (from /proc; clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** Every process of this bench (server, its store and broker, mosquitto, simulator, itself). */
export function processes(): { pid: number; name: string; rssMb: number; cpuMs: number }[] {
  return processTree(process.pid)
    .filter((info) => !info.name.includes('esbuild'))
    .map((info) => ({
      pid: info.pid,
      name: info.name,
      rssMb: info.rssBytes / 1048576,
      cpuMs: cpuMs(info.pid),
    }));
}

/**
 * Polls the results table (read-only, next to the store's writer) and keeps, for each new
 * result stamped at or after `fromMs`, the time from its stamp to the poll that first saw it.
 */
export class CommitWatcher {
  readonly latencies: number[] = [];
  /** When each latency was seen (performance.now()), to tell a stall from a steady delay. */
  readonly seenAt: number[] = [];
  private db: Database.Database | null = null;
  private lastId = 0;
  private running = true;
  private readonly loop: Promise<void>;
  fromMs = Number.POSITIVE_INFINITY;

  constructor(private readonly path: string) {
    this.loop = this.poll();
  }

  private async poll(): Promise<void> {
    while (this.running) {
      const seenAt = Date.now();
      const seenAtMonotonic = performance.now();
      const rows = this.read();
      for (const row of rows) {
        this.lastId = row.id;
        if (row.ts_ms < this.fromMs) continue;
        this.latencies.push(seenAt - row.ts_ms);
        this.seenAt.push(seenAtMonotonic);
      }
      await sleep(10);
    }
  }

  private read(): { id: number; ts_ms: number }[] {
    if (!this.db) {
      if (!existsSync(this.path)) return [];
      this.db = new Database(this.path, { readonly: true, fileMustExist: true });
    }
    try {
      return this.db
        .prepare('SELECT id, ts_ms FROM test_results WHERE id > ? ORDER BY id')
        .all(this.lastId) as { id: number; ts_ms: number }[];
    } catch (error) {
      if (error instanceof Error && /no such table/.test(error.message)) return [];
      throw error;
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    this.db?.close();
  }
}

/** The seconds of the window with a result 1 s late or more, and what each process did then. */
export function printLateSeconds(
  watcher: CommitWatcher,
  started: number,
  cpuBySecond: Map<string, number>[],
): void {
  const worstBySecond = new Map<number, number>();
  watcher.latencies.forEach((latency, index) => {
    if (latency < 1_000) return;
    const second = Math.floor((watcher.seenAt[index]! - started) / 1000);
    worstBySecond.set(second, Math.max(worstBySecond.get(second) ?? 0, latency));
  });
  const late = watcher.latencies.filter((latency) => latency >= 1_000).length;
  console.log(
    `  ${late} of ${watcher.latencies.length} results 1 s late or more, in ${worstBySecond.size} seconds of the window` +
      (worstBySecond.size
        ? ` (second: worst ${[...worstBySecond]
            .slice(0, 15)
            .map(([second, worst]) => `${second}: ${formatMs(worst)}`)
            .join(', ')})`
        : ''),
  );
  // The three worst seconds: each process's CPU then and in the seconds before.
  const worst = [...worstBySecond].sort((a, b) => b[1] - a[1]).slice(0, 3);
  for (const [second] of worst) {
    for (let at = second - 4; at <= second; at += 1) {
      const busy = cpuBySecond[at];
      if (!busy) continue;
      console.log(
        `    CPU in second ${at}: ${[...busy]
          .filter(([, ms]) => ms > 0)
          .map(([key, ms]) => `${key.split('#')[0]} ${ms} ms`)
          .join(', ')}`,
      );
    }
  }
}
