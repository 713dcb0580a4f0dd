/**
 * `npm run soak [-- --minutes N --seed S]`: Linewatch under a plant's load with failures, for
 * 30 minutes unless told. Not part of `npm test`.
 *
 * Runs the built server (`npm run server`) with the simulator at 200 machines, the soak's own
 * QoS 1 station, and a real Chromium page logged in on the Alerts page. Kills each background
 * process (store, broker, report, simulator) once, with kill -9, at a random (seeded) time, and
 * sees each come back. Then prints messages lost or duplicated, the processes' memory at the
 * start and the end, the main process's event-loop delay, and whether the page shows exactly
 * the server's alerts. Exits non-zero when anything was lost or duplicated, or they differ.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SoakApi } from './api';
import { performKill, planKills, until, type KillHooks, type KillResult } from './kills';
import { SoakLoad } from './load';
import { buildReport, rssSnapshot } from './measure';
import { parseSoakOptions, seededRandom, SoakUsageError } from './options';
import { SoakPage, type PageComparison } from './page';
import { SoakPublisher } from './publisher';
import { ROOT, startServer, type SoakServer } from './server';
import { StoredData } from './stored';
import { failures, printSummary, type SoakFigures } from './summary';

const say = (line: string) =>
  console.log(`[soak ${new Date().toISOString().slice(11, 19)}] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const load1 = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');

async function main(): Promise<number> {
  const options = parseSoakOptions(process.argv.slice(2));
  const durationS = Math.round(options.minutes * 60);
  say(
    `${cpus().length} cores, load average ${load1()}; ${options.minutes} min, seed ${options.seed}`,
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'linewatch-soak-'));
  const databasePath = join(dataDir, 'linewatch.sqlite');
  let server: SoakServer | null = null;
  let page: SoakPage | null = null;
  let publisher: SoakPublisher | null = null;
  let load: SoakLoad | null = null;
  try {
    server = await startServer(dataDir);
    say(`server ${server.url} (pid ${server.pid}), data in ${dataDir}`);
    const api = new SoakApi(server.url);
    await api.createAdmin();
    // The page stays untouched for the whole soak: the idle lock must not be what it sees.
    await api.call('settings.update', { idleLockMinutes: 480 });
    page = await SoakPage.open(server.url);
    say('page open on Alerts, logged in');
    publisher = await SoakPublisher.connect(server.brokerUrl);
    publisher.start(options.publisherRate);
    load = new SoakLoad(api, options);
    await load.startSimulator();
    await load.setLimits();
    load.start();
    const loadStarted = performance.now();
    say(`simulator: ${load.machines} machines connected; limits set; load running`);

    await sleep(Math.min(20_000, (durationS * 1000) / 10));
    await buildReport(api).catch((error: unknown) => say(`start report failed: ${String(error)}`));
    const rssStart = rssSnapshot(server.pid, databasePath);

    const kills: KillResult[] = [];
    const hooks = killHooks(api, load);
    const plan = planKills(durationS, seededRandom(options.seed));
    say(`kill plan: ${plan.map((kill) => `${kill.name} at ${kill.atS} s`).join(', ')}`);
    for (const planned of plan) {
      await sleep(loadStarted + planned.atS * 1000 - performance.now());
      say(`kill -9 ${planned.name}`);
      const result = await performKill(planned, server.pid, databasePath, hooks);
      say(
        result.backAfterS === null
          ? `${planned.name} NOT back: ${result.note}`
          : `${planned.name} back after ${result.backAfterS.toFixed(1)} s: ${result.note}`,
      );
      kills.push(result);
    }
    await sleep(loadStarted + durationS * 1000 - performance.now());

    say('end of load: measuring, then stopping the station and the simulator');
    // A report that fails here costs only the report process's figure, not the soak's.
    await buildReport(api).catch((error: unknown) => say(`end report failed: ${String(error)}`));
    const rssEnd = rssSnapshot(server.pid, databasePath);
    // From here a step that fails is a finding to print, not a reason to lose the figures.
    const endProblems: string[] = [];
    const attempt = async <T>(what: string, step: () => Promise<T>, otherwise: T): Promise<T> => {
      try {
        return await step();
      } catch (error) {
        endProblems.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
        say(`${what} failed: ${String(error)}`);
        return otherwise;
      }
    };
    const eventLoop = await attempt(
      'reading /api/health',
      async () => (await api.health()).body.main.eventLoopDelay,
      { p50Ms: -1, p99Ms: -1, maxMs: -1, samples: 0 },
    );
    load.stop();
    await publisher.stop();
    await attempt('stopping the simulator', () => load!.stopSimulator(), undefined);
    await attempt('waiting for ingest to store everything', () => settled(api), undefined);
    const comparison = await attempt(
      'comparing the page with the server',
      () => pageEqualsServer(api, page!),
      {
        equal: false,
        shown: -1,
        expected: -1,
        onlyOnPage: [],
        onlyOnServer: [],
        stillLoggedIn: false,
        bannerShown: false,
      },
    );
    mkdirSync(join(ROOT, 'artifacts'), { recursive: true });
    await page.screenshot(join(ROOT, 'artifacts', 'soak-page.png')).catch(() => undefined);
    await page.close();
    page = null;
    const shutdown = await server.stop();
    server = null;

    const stored = new StoredData(databasePath);
    const runIds = stored.simulatorRunIds();
    const figures: SoakFigures = {
      minutes: options.minutes,
      seed: options.seed,
      machines: load.machines,
      kills,
      publisher: stored.publisherAccount(publisher.acked, publisher.produced),
      simulatorRuns: load.runs.map((run, index) =>
        stored.simulatorRun(runIds[index] ?? `run ${index + 1} (no id)`, run.ackedTest, run.killed),
      ),
      rollups: stored.rollups(),
      rssStart,
      rssEnd,
      eventLoop,
      page: comparison,
      acknowledged: load.acknowledged,
      failedCalls: load.failedCalls,
      shutdownSeconds: shutdown.seconds,
      shutdownCode: shutdown.code,
      endProblems,
    };
    stored.close();
    printSummary(figures);
    say(`load average now ${load1()}`);
    return failures(figures).length === 0 ? 0 : 1;
  } finally {
    load?.stop();
    await publisher?.stop(1000).catch(() => undefined);
    await page?.close().catch(() => undefined);
    if (server) {
      say(`last server output:\n${server.tail()}`);
      await server.stop();
    }
    if (options.keepData) say(`data kept in ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}

function killHooks(api: SoakApi, load: SoakLoad): KillHooks {
  const processState = async (name: string) =>
    (await api.health()).body.processes.find((unit) => unit.name === name);
  return {
    async prepare(name) {
      // The report process runs only while reports are made: make one so there is one to kill.
      if (name === 'reports') await buildReport(api);
      // The simulator's counters just before: a killed run's figure is its last report.
      if (name === 'simulator') await load.readCounters();
    },
    async recovered(name, deadline) {
      if (name === 'store' || name === 'broker') {
        const unit = await until(`the ${name} process restarted`, deadline, async () => {
          const state = await processState(name);
          return state?.state === 'running' && state.restarts >= 1 ? state : undefined;
        });
        if (name === 'store')
          await until('the API to answer', deadline, () =>
            api.call('alerts.list', { view: 'active', limit: 1 }),
          );
        else
          await until('ingest connected again', deadline, async () =>
            (await api.health()).body.broker.state === 'connected' ? true : undefined,
          );
        return `restarted by the supervisor (${unit.lastExit})`;
      }
      if (name === 'reports') {
        await until(
          'a report to build again',
          deadline,
          async () => {
            await buildReport(api);
            return true;
          },
          500,
        );
        return 'the next report built';
      }
      load.markKilled();
      await until('the simulator run to end', deadline, async () =>
        (await api.call('simulator.status', {})).running ? undefined : true,
      );
      await load.startSimulator();
      return 'its run ended as failed; a new run started and connected';
    },
  };
}

/** Waits until ingest has stored everything it received (backlog 0, twice a second apart). */
async function settled(api: SoakApi): Promise<void> {
  let quiet = 0;
  await until(
    'the ingest backlog to drain',
    performance.now() + 120_000,
    async () => {
      const health = (await api.health()).body;
      quiet = health.ingest.backlog === 0 ? quiet + 1 : 0;
      return quiet >= 4 ? true : undefined;
    },
    500,
  );
}

/** The page's alerts against GET /api/alerts, until they agree (live updates take a moment). */
async function pageEqualsServer(api: SoakApi, page: SoakPage): Promise<PageComparison> {
  let last: PageComparison | null = null;
  const deadline = performance.now() + 60_000;
  while (performance.now() < deadline) {
    const { alerts } = await api.call('alerts.list', { view: 'active', limit: 500 });
    last = await page.compare(alerts);
    if (last.equal) return last;
    await sleep(1000);
  }
  if (!last) throw new Error('no comparison made');
  return last;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof SoakUsageError) console.error(`npm run soak: ${error.message}`);
    else console.error('soak failed to run:', error);
    process.exit(2);
  },
);
