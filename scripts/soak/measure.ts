import type { SoakApi } from './api';
import { BACKGROUND_NAMES, backgroundPid, rssBytes } from './proc';
import { PUBLISHER_MACHINE } from './publisher';

export type RssSnapshot = Record<string, number | null>;

/** Resident memory of the main process and of each background process now (null: not running). */
export function rssSnapshot(serverPid: number, databasePath: string): RssSnapshot {
  const snapshot: RssSnapshot = { main: rssBytes(serverPid) };
  for (const name of BACKGROUND_NAMES) {
    const pid = backgroundPid(serverPid, name, databasePath);
    snapshot[name] = pid === null ? null : rssBytes(pid);
  }
  return snapshot;
}

/**
 * A small report (the soak station's machine, the last 10 minutes), so the report process runs:
 * it starts on demand and stops when idle. Small, so it is quick however much the plant stored.
 */
export async function buildReport(api: SoakApi): Promise<void> {
  const to = new Date();
  const from = new Date(to.getTime() - 10 * 60_000);
  await api.call('reports.build', {
    type: 'shift',
    from: from.toISOString(),
    to: to.toISOString(),
    machine: PUBLISHER_MACHINE,
    includeSimulated: true,
    format: 'json',
    paper: 'A4',
  });
}
