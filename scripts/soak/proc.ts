import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** The background processes the soak kills, by the name of the file each one runs. */
export const BACKGROUND = {
  store: 'store-process',
  broker: 'broker-process',
  reports: 'report-process',
  simulator: 'simulator-process',
} as const;
export type BackgroundName = keyof typeof BACKGROUND;
export const BACKGROUND_NAMES = Object.keys(BACKGROUND) as BackgroundName[];

function stat(pid: number): { ppid: number; state: string } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '?', ppid: Number(fields[1]) };
  } catch {
    return null;
  }
}

/** Live (not zombie) children of `pid`, from /proc. */
export function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const info = stat(Number(entry));
    if (info && info.ppid === pid && info.state !== 'Z') found.push(Number(entry));
  }
  return found;
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

function opensFile(pid: number, path: string): boolean {
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === path;
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

/**
 * The pid of a background process of the server `serverPid`, or null when none runs. The store
 * has a spare beside it (booted, nothing open): the one that counts has the database open.
 */
export function backgroundPid(
  serverPid: number,
  name: BackgroundName,
  databasePath: string,
): number | null {
  const candidates = childrenOf(serverPid).filter((pid) =>
    commandOf(pid).includes(BACKGROUND[name]),
  );
  if (name !== 'store') return candidates[0] ?? null;
  return candidates.find((pid) => opensFile(pid, databasePath)) ?? null;
}

/** Resident memory of a process in bytes (VmRSS), or null once it is gone. */
export function rssBytes(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}
