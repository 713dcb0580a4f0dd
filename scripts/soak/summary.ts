import type { KillResult } from './kills';
import type { RssSnapshot } from './measure';
import type { PageComparison } from './page';
import type { PublisherAccount, RollupAccount, SimulatorRunAccount } from './stored';
import type { EventLoopDelay } from '../../src/backend/process/event-loop-delay';

export interface SoakFigures {
  minutes: number;
  seed: number;
  machines: number;
  kills: KillResult[];
  publisher: PublisherAccount;
  simulatorRuns: SimulatorRunAccount[];
  rollups: RollupAccount;
  rssStart: RssSnapshot;
  rssEnd: RssSnapshot;
  eventLoop: EventLoopDelay;
  page: PageComparison;
  acknowledged: number;
  failedCalls: number;
  shutdownSeconds: number;
  shutdownCode: number | null;
  /** Steps of the end (measuring, draining, comparing) that failed. */
  endProblems: string[];
}

const mb = (bytes: number | null) =>
  bytes === null ? 'not running' : `${Math.round(bytes / 1048576)} MB`;

export function lostAndDuplicated(figures: SoakFigures): { lost: number; duplicated: number } {
  const runs = figures.simulatorRuns;
  return {
    lost: figures.publisher.lost + runs.reduce((sum, run) => sum + run.lost, 0),
    duplicated:
      figures.publisher.duplicated +
      runs.reduce((sum, run) => sum + run.duplicated, 0) +
      Math.max(0, figures.rollups.resultRollupExcess) +
      Math.max(0, figures.rollups.telemetryRollupExcess),
  };
}

/** The soak's verdict: what failed, in words (empty: passed). */
export function failures(figures: SoakFigures): string[] {
  const { lost, duplicated } = lostAndDuplicated(figures);
  const found: string[] = [];
  if (lost > 0) found.push(`${lost} acknowledged messages lost`);
  if (duplicated > 0) found.push(`${duplicated} messages duplicated`);
  if (!figures.page.equal) found.push("the page's alerts differ from the server's");
  if (!figures.page.stillLoggedIn) found.push('the page lost its session');
  found.push(...figures.endProblems);
  for (const kill of figures.kills) {
    if (kill.backAfterS === null) found.push(`${kill.name} did not recover: ${kill.note}`);
  }
  return found;
}

export function printSummary(figures: SoakFigures): void {
  const { lost, duplicated } = lostAndDuplicated(figures);
  const p = figures.publisher;
  const lines = [
    '',
    `=== soak: ${figures.minutes} min, ${figures.machines} simulated machines, seed ${figures.seed}`,
    'kills (kill -9 by pid):',
    ...figures.kills.map(
      (kill) =>
        `  ${kill.name.padEnd(9)} at ${String(kill.atS).padStart(4)} s (pid ${kill.pid ?? '-'}): ` +
        (kill.backAfterS === null
          ? `NOT BACK: ${kill.note}`
          : `back after ${kill.backAfterS.toFixed(1)} s (${kill.note})`),
    ),
    `messages lost: ${lost}, duplicated: ${duplicated}`,
    `  soak publisher (QoS 1): ${p.produced} sent, ${p.acked} acknowledged, ${p.storedTotal} stored, ${p.storedDistinct} distinct, lost ${p.lost}${p.firstLost.length ? ` (${p.firstLost.join(', ')})` : ''}, duplicated ${p.duplicated}`,
    ...figures.simulatorRuns.map(
      (run) =>
        `  simulator run ${run.runId}${run.killed ? ' (killed; acknowledged = its last report)' : ''}: ${run.ackedReported} test results acknowledged, ${run.storedTotal} stored, ${run.storedDistinct} distinct, lost ${run.lost}, duplicated ${run.duplicated}`,
    ),
    `  rollups beyond stored rows: results ${figures.rollups.resultRollupExcess}, temperature samples ${figures.rollups.telemetryRollupExcess}`,
    'RSS at start -> end:',
    ...Object.keys(figures.rssStart).map(
      (name) =>
        `  ${name.padEnd(9)} ${mb(figures.rssStart[name] ?? null)} -> ${mb(figures.rssEnd[name] ?? null)}`,
    ),
    `main event-loop delay (whole run): p50 ${figures.eventLoop.p50Ms} ms, p99 ${figures.eventLoop.p99Ms} ms, max ${figures.eventLoop.maxMs} ms`,
    `page vs GET /api/alerts: ${figures.page.equal ? 'equal' : 'DIFFERENT'} (${figures.page.shown} shown, ${figures.page.expected} on the server${figures.page.expected >= 500 ? ', the 500 the page loads' : ''})` +
      `${figures.page.stillLoggedIn ? ', still logged in' : ', LOGGED OUT'}${figures.page.bannerShown ? ', connection banner shown' : ''}`,
    ...(figures.page.equal
      ? []
      : [
          `  only on the page: ${JSON.stringify(figures.page.onlyOnPage)}`,
          `  only on the server: ${JSON.stringify(figures.page.onlyOnServer)}`,
        ]),
    `operator acknowledgements: ${figures.acknowledged}; calls that failed during restarts: ${figures.failedCalls}`,
    `shutdown (SIGTERM): exit ${figures.shutdownCode} in ${figures.shutdownSeconds.toFixed(1)} s`,
  ];
  console.log(lines.join('\n'));
  const failed = failures(figures);
  console.log(failed.length ? `SOAK FAILED: ${failed.join('; ')}` : 'SOAK PASSED');
}
