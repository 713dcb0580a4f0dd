import { BACKGROUND_NAMES, backgroundPid, type BackgroundName } from './proc';

export interface PlannedKill {
  name: BackgroundName;
  /** Seconds after the load started. */
  atS: number;
}

export interface KillResult extends PlannedKill {
  pid: number | null;
  /** Seconds from the kill until it was working again (null: it was not within the limit). */
  backAfterS: number | null;
  note: string;
}

/**
 * One kill per background process at a random time (seeded) between 15 % and 80 % of the
 * run, at least `gapS` apart, so each recovery is seen on its own.
 */
export function planKills(durationS: number, random: () => number): PlannedKill[] {
  const from = durationS * 0.15;
  const to = durationS * 0.8;
  const gapS = Math.min(60, (to - from) / (BACKGROUND_NAMES.length * 2));
  for (;;) {
    const times = BACKGROUND_NAMES.map(() => from + random() * (to - from)).sort((a, b) => a - b);
    if (times.every((time, index) => index === 0 || time - times[index - 1]! >= gapS)) {
      // Which process goes first is random too (Fisher-Yates).
      const order = [...BACKGROUND_NAMES];
      for (let index = order.length - 1; index > 0; index -= 1) {
        const other = Math.floor(random() * (index + 1));
        [order[index], order[other]] = [order[other]!, order[index]!];
      }
      return order.map((name, index) => ({ name, atS: Math.round(times[index]!) }));
    }
  }
}

/** What the soak does around one kill: make sure the process runs, and see it work again. */
export interface KillHooks {
  /** Before the kill: e.g. build a report so the report process runs. */
  prepare(name: BackgroundName): Promise<void>;
  /** Resolves once the process (or its replacement) is working again; throws if it is not. */
  recovered(name: BackgroundName, deadlineMs: number): Promise<string>;
}

const RECOVERY_LIMIT_MS = 90_000;

/** kill -9 of the process's pid (found in the server's process tree), then waits for recovery. */
export async function performKill(
  plan: PlannedKill,
  serverPid: number,
  databasePath: string,
  hooks: KillHooks,
): Promise<KillResult> {
  await hooks.prepare(plan.name);
  const pid = backgroundPid(serverPid, plan.name, databasePath);
  if (pid === null) return { ...plan, pid, backAfterS: null, note: 'no such process running' };
  process.kill(pid, 'SIGKILL');
  const killedAt = performance.now();
  try {
    const note = await hooks.recovered(plan.name, killedAt + RECOVERY_LIMIT_MS);
    return { ...plan, pid, backAfterS: (performance.now() - killedAt) / 1000, note };
  } catch (error) {
    return {
      ...plan,
      pid,
      backAfterS: null,
      note: error instanceof Error ? error.message : String(error),
    };
  }
}

/** Polls `check` until it returns a value, or throws at the deadline. */
export async function until<T>(
  what: string,
  deadlineMs: number,
  check: () => Promise<T | undefined>,
  everyMs = 250,
): Promise<T> {
  let lastError = '';
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    if (performance.now() > deadlineMs)
      throw new Error(`${what}: not within the limit${lastError ? ` (last: ${lastError})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
