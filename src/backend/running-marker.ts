import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `linewatch.pid` in the data folder says a backend is using it, so command-line tools that
 * would write to the database (a second writer) can refuse and say why.
 */
export const RUNNING_FILE = 'linewatch.pid';

export function markRunning(dataDir: string): () => void {
  const file = join(dataDir, RUNNING_FILE);
  writeFileSync(file, `${process.pid}\n`);
  return () => {
    // Only our own marker: a later backend on the same folder may have replaced it.
    if (runningPid(dataDir) === process.pid) rmSync(file, { force: true });
  };
}

/** The pid of a live backend using this data folder, or null (none, or a stale marker). */
export function runningPid(dataDir: string): number | null {
  const file = join(dataDir, RUNNING_FILE);
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: alive but another user's; ESRCH: gone (a crash left the marker behind).
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}
